// The README arrives as HTML the server already sanitized (api.md Analyze `readme`). The page still keeps a
// second, allow-list filter of its own: a README is text from a stranger, and one server bug must not become
// script running on a page that can start downloads and delete files.

const allowedTags = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'kbd', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const allowedAttributes = new Set(['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'align', 'width', 'height']);
// Whole subtrees dropped with their text: their content is code or styling, never README prose.
const droppedTags = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math']);

export function sanitizedFragment(html, baseUrl) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const fragment = document.createDocumentFragment();
  for (const child of [...doc.body.childNodes]) {
    const clean = cleanNode(child, baseUrl);
    if (clean) fragment.append(clean);
  }
  return fragment;
}

function cleanNode(node, baseUrl) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const tag = node.tagName.toLowerCase();
  if (droppedTags.has(tag)) return null;
  const children = [...node.childNodes].map((c) => cleanNode(c, baseUrl)).filter(Boolean);
  if (!allowedTags.has(tag)) {
    // Unknown wrappers (a <center>, a <font>) disappear but keep their text.
    const fragment = document.createDocumentFragment();
    fragment.append(...children);
    return fragment;
  }
  const el = document.createElement(tag);
  for (const { name, value } of [...node.attributes]) {
    const key = name.toLowerCase();
    if (!allowedAttributes.has(key)) continue;
    if (key === 'href' || key === 'src') {
      const url = safeUrl(value, baseUrl);
      if (url) el.setAttribute(key, url);
    } else {
      el.setAttribute(key, value);
    }
  }
  if (tag === 'a') {
    el.setAttribute('target', '_blank');
    el.setAttribute('rel', 'noopener noreferrer');
  }
  if (tag === 'img') el.setAttribute('loading', 'lazy');
  el.append(...children);
  return el;
}

function safeUrl(value, baseUrl) {
  if (value.startsWith('#')) return null;
  try {
    const url = new URL(value, `${baseUrl.replace(/\/+$/, '')}/`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
