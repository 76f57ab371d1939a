// Settings section for the /hub endpoint (api.md § Hub endpoint): enable it, pick the mode, create and revoke LAN
// tokens, and show the HF_ENDPOINT line other machines paste. Saves only `hubEndpoint`, with its own button, so it
// never sends the main form's half-edited fields.
import { get, post } from '../api.js';
import { h, field } from '../dom.js';
import { errorBox, toast } from '../ui.js';

// 32 random characters after "hf_": @huggingface/hub refuses tokens that do not start with it.
function newToken() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `hf_${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}

function endpointLine() {
  // A wildcard or loopback bind is reached from other machines by this machine's LAN name or address.
  return `HF_ENDPOINT=${window.location.protocol}//${window.location.host}/hub`;
}

export function hubEndpointSection(settings) {
  const hub = settings.hubEndpoint ?? { enabled: false, mode: 'pull-through', tokens: [], anonymous: false, allowPrivate: [] };
  const tokens = [...(hub.tokens ?? [])];
  const created = [];
  const status = h('div', { role: 'status', 'aria-live': 'polite' });

  const enabled = h('input', { type: 'checkbox', id: 'hub-endpoint-enabled', checked: hub.enabled });
  const mode = h('select', { name: 'hubEndpoint.mode' },
    ['pull-through', 'offline'].map((m) => h('option', { value: m, selected: m === hub.mode }, m)));
  const anonymous = h('input', { type: 'checkbox', id: 'hub-endpoint-anonymous', checked: hub.anonymous });
  const allowPrivate = h('textarea', { name: 'hubEndpoint.allowPrivate', rows: '2', spellcheck: 'false' }, (hub.allowPrivate ?? []).join('\n'));
  const tokenList = h('ul', { class: 'hub-tokens' });
  const stats = h('p', { class: 'muted hub-stats' });

  const drawTokens = () => {
    tokenList.replaceChildren(...tokens.map((t, i) => h('li', {},
      h('code', {}, t),
      h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Revoke token ${t}`, onclick: () => { tokens.splice(i, 1); drawTokens(); } }, 'Revoke'))));
    if (tokens.length === 0) tokenList.append(h('li', { class: 'muted' }, 'No LAN tokens: only anonymous clients of a loopback-only server get in.'));
  };
  drawTokens();

  const save = async () => {
    const body = {
      hubEndpoint: {
        enabled: enabled.checked,
        mode: mode.value,
        tokens,
        anonymous: anonymous.checked,
        allowPrivate: allowPrivate.value.split('\n').map((s) => s.trim()).filter(Boolean),
      },
    };
    try {
      const answer = await post('/settings', body);
      const saved = (answer?.settings ?? (await get('/settings'))).hubEndpoint;
      toast(answer?.message ?? 'Settings saved', 'ok');
      // The saved list comes back masked; a token created here stays readable until the page is left.
      tokens.splice(0, tokens.length, ...saved.tokens);
      drawTokens();
      status.replaceChildren(h('div', { class: 'alert alert-ok' }, answer?.message ?? 'Settings saved',
        ...created.map((t) => h('p', {}, 'Active token (copy it now, it is not shown again): ', h('code', { class: 'hub-new-token' }, t)))));
    } catch (error) {
      status.replaceChildren(errorBox(error, { title: 'Hub endpoint settings were not saved' }));
    }
  };

  const section = h('section', { class: 'hub-endpoint-settings', 'aria-labelledby': 'hub-endpoint-title' },
    h('h2', { id: 'hub-endpoint-title' }, 'Share your cache with the LAN'),
    h('p', { class: 'muted' }, 'Other machines download from this cache at LAN speed: they set the line below and send one of these tokens as HF_TOKEN.'),
    h('pre', { class: 'hub-endpoint-line' }, h('code', {}, endpointLine())),
    h('div', { class: 'field field-check' }, enabled, h('label', { for: enabled.id }, 'Serve the Hub protocol under /hub')),
    field('Mode', mode, 'pull-through fetches what is missing from the Hub once; offline answers only from disk.'),
    h('div', { class: 'field field-check' }, anonymous, h('label', { for: anonymous.id }, 'Allow clients without a token (loopback-only servers)')),
    field('Private repos offline mode may serve (owner/name, one per line)', allowPrivate),
    h('h3', {}, 'LAN tokens'),
    tokenList,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn', onclick: () => {
        const token = newToken();
        tokens.push(token);
        created.push(token);
        drawTokens();
        status.replaceChildren(h('div', { class: 'alert alert-ok' }, 'New token (shown once, copy it now): ', h('code', { class: 'hub-new-token' }, token)));
      } }, 'Create token'),
      h('button', { type: 'button', class: 'btn btn-primary', onclick: save }, 'Save hub endpoint')),
    stats,
    status);

  get('/hub-endpoint/stats').then((s) => {
    stats.textContent = `${s.requests} requests, ${s.bytesServed} bytes served, ${s.cacheHits} cache hits, ${s.upstreamFills} upstream fills.`;
  }).catch(() => {});
  return section;
}
