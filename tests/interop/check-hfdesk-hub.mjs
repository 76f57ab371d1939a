// Checks HFDesk's /hub endpoint (the local cache served as a Hugging Face Hub) with the official
// @huggingface/hub client (pinned in package.json).
// Usage: node check-hfdesk-hub.mjs <hubUrl> <lanToken> <cacheDir> <type>:<owner/name>...
//   For each repo: info (with and without revision, sha), listFiles (recursive, no xetHash), snapshotDownload into
//   <cacheDir>, downloadFile of every file (single files), downloadFileToCacheDir by branch (paths-info lastCommit),
//   fileExists. Prints "file <type> <name> <path> <sha256>" for every file it got, and the sha256 of both copies
//   must agree; the caller compares them with the source of truth.
// Exits 0 with "interop: all checks passed"; otherwise prints "interop FAILED: <reason>" and exits 1.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  datasetInfo,
  downloadFile,
  downloadFileToCacheDir,
  fileExists,
  listFiles,
  modelInfo,
  snapshotDownload,
} from "@huggingface/hub";

const [hubUrl, accessToken, cacheDir, ...specs] = process.argv.slice(2);
if (!hubUrl || !accessToken || !cacheDir || specs.length === 0) {
  console.error("usage: node check-hfdesk-hub.mjs <hubUrl> <lanToken> <cacheDir> <type>:<owner/name>...");
  process.exit(2);
}

class CheckFailure extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new CheckFailure(message);
  }
}

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const common = { hubUrl, accessToken };

async function checkRepo(type, name) {
  const repo = { type, name };
  const info = type === "model"
    ? await modelInfo({ ...common, name, additionalFields: ["sha"] })
    : await datasetInfo({ ...common, name, additionalFields: ["sha"] });
  check(info.name === name, `${name}: info name ${info.name}`);
  check(/^[0-9a-f]{40}$/.test(info.sha), `${name}: info sha ${info.sha}`);

  const entries = await collect(listFiles({ ...common, repo, recursive: true, revision: info.sha }));
  const files = entries.filter((e) => e.type === "file");
  check(files.length > 0, `${name}: listFiles returned no files`);
  check(files.every((f) => f.xetHash === undefined), `${name}: xetHash must not be sent`);

  const snapshot = await snapshotDownload({ ...common, repo, cacheDir });
  check(snapshot.endsWith(info.sha), `${name}: snapshot ${snapshot} is not at ${info.sha}`);
  for (const file of files) {
    const fromSnapshot = sha256(await readFile(join(snapshot, ...file.path.split("/"))));
    const blob = await downloadFile({ ...common, repo, path: file.path });
    check(blob, `${name}/${file.path}: downloadFile returned nothing`);
    const single = sha256(Buffer.from(await blob.arrayBuffer()));
    check(single === fromSnapshot, `${name}/${file.path}: single download differs from the snapshot's copy`);
    if (file.lfs) {
      check(single === file.lfs.oid, `${name}/${file.path}: sha256 ${single} != lfs.oid ${file.lfs.oid}`);
    }
    console.log(`file ${type} ${name} ${file.path} ${single}`);
  }

  // By branch: paths-info must carry lastCommit, which names the snapshot folder.
  const single = await mkdtemp(join(tmpdir(), "hfdesk-hub-single-"));
  try {
    const path = await downloadFileToCacheDir({ ...common, repo, path: files[0].path, revision: "main", cacheDir: single });
    check(sha256(await readFile(path)) === sha256(await readFile(join(snapshot, ...files[0].path.split("/")))), `${name}: downloadFileToCacheDir bytes differ`);
  } finally {
    await rm(single, { recursive: true, force: true });
  }

  check(await fileExists({ ...common, repo, path: files[0].path }), `${name}: fileExists(${files[0].path}) false`);
  check(!(await fileExists({ ...common, repo, path: "no-such-file.bin" })), `${name}: fileExists(no-such-file.bin) true`);
  console.log(`ok ${type} ${name} (${files.length} files)`);
}

try {
  for (const spec of specs) {
    const colon = spec.indexOf(":");
    await checkRepo(spec.slice(0, colon), spec.slice(colon + 1));
  }
  console.log("interop: all checks passed");
} catch (error) {
  console.log(`interop FAILED: ${error instanceof CheckFailure ? error.message : error?.stack ?? error}`);
  process.exit(1);
}
