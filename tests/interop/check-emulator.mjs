// Checks the HFDesk Hub emulator with the official @huggingface/hub client (pinned in package.json).
// Usage: node check-emulator.mjs <hubUrl> <cacheDir> <token>
// Exits 0 when every check passes; otherwise prints "interop FAILED: <reason>" and exits 1.
import { createHash } from "node:crypto";
import { lstat, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import {
  datasetInfo,
  downloadFile,
  downloadFileToCacheDir,
  fileExists,
  listDatasets,
  listFiles,
  listModels,
  modelInfo,
  scanCacheDir,
  snapshotDownload,
} from "@huggingface/hub";

const [hubUrl, cacheDir, accessToken] = process.argv.slice(2);
if (!hubUrl || !cacheDir || !accessToken) {
  console.error("usage: node check-emulator.mjs <hubUrl> <cacheDir> <token>");
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

async function expectHttpError(promise, status, what) {
  try {
    await promise;
  } catch (error) {
    check(error?.statusCode === status, `${what}: expected HTTP ${status}, got ${error?.statusCode ?? error}`);
    return;
  }
  throw new CheckFailure(`${what}: expected HTTP ${status}, but it succeeded`);
}

async function walk(dir) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await walk(full)));
    } else {
      files.push(full);
    }
  }
  return files;
}

function gitBlobSha1(bytes) {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

const common = { hubUrl, accessToken };

async function checkRepo({ type, name, listed }) {
  const repo = { type, name };
  const info = type === "model"
    ? await modelInfo({ ...common, name, additionalFields: ["sha", "tags"] })
    : await datasetInfo({ ...common, name, additionalFields: ["sha"] });
  check(info.name === name, `${name}: info name ${info.name}`);
  check(/^[0-9a-f]{40}$/.test(info.sha), `${name}: info sha ${info.sha}`);
  check(info.updatedAt instanceof Date && !Number.isNaN(info.updatedAt.getTime()), `${name}: lastModified missing`);
  check(listed.private === info.private, `${name}: private differs between search and info`);

  const entries = await collect(listFiles({ ...common, repo, recursive: true, revision: info.sha }));
  const files = entries.filter((e) => e.type === "file");
  check(files.length > 0, `${name}: listFiles returned no files`);
  check(entries.every((e) => e.type === "file" || e.type === "directory"), `${name}: unexpected entry type`);
  check(files.every((f) => f.xetHash === undefined), `${name}: xetHash must not be sent`);

  const snapshot = await snapshotDownload({ ...common, repo, cacheDir });
  check(snapshot.endsWith(info.sha), `${name}: snapshot ${snapshot} is not at ${info.sha}`);
  const onDisk = (await walk(snapshot)).map((p) => relative(snapshot, p).split(sep).join("/")).sort();
  const expected = files.map((f) => f.path).sort();
  check(JSON.stringify(onDisk) === JSON.stringify(expected), `${name}: snapshot files ${onDisk} != listed ${expected}`);

  for (const file of files) {
    const full = join(snapshot, ...file.path.split("/"));
    // Without symlink privilege (Windows) the client copies the blob instead.
    check(process.platform === "win32" || (await lstat(full)).isSymbolicLink(), `${name}/${file.path}: not a symlink into blobs/`);
    const bytes = await readFile(full);
    check(bytes.length === file.size, `${name}/${file.path}: ${bytes.length} bytes, listed ${file.size}`);
    if (file.lfs) {
      const sha = createHash("sha256").update(bytes).digest("hex");
      check(sha === file.lfs.oid, `${name}/${file.path}: sha256 ${sha} != lfs.oid ${file.lfs.oid}`);
    } else {
      check(gitBlobSha1(bytes) === file.oid, `${name}/${file.path}: git sha1 != oid ${file.oid}`);
    }
  }

  return { repo, info, files };
}

try {
  // Every repo the owner can see, through search (Link pagination and expand handling included).
  const models = await collect(listModels({ ...common, additionalFields: ["sha", "library_name"] }));
  const datasets = await collect(listDatasets({ ...common }));
  const repos = [
    ...models.map((m) => ({ type: "model", name: m.name, listed: m })),
    ...datasets.map((d) => ({ type: "dataset", name: d.name, listed: d })),
  ];
  const names = repos.map((r) => r.name);
  for (const required of ["emulator/Tiny-Llama-GGUF", "emulator/tiny-transformers", "emulator/many-files", "emulator/private-model", "emulator/gated-model", "emulator/refs-model", "emulator/tiny-parquet"]) {
    check(names.includes(required), `search did not list ${required} (got ${names.join(", ")})`);
  }

  const checked = [];
  for (const repo of repos) {
    checked.push(await checkRepo(repo));
    console.log(`ok ${repo.type} ${repo.name}`);
  }

  // Revisions: raw-slash revisions in /tree (JS does not encode them), %2F elsewhere.
  const refsRepo = "emulator/refs-model";
  const mainFiles = await collect(listFiles({ ...common, repo: refsRepo }));
  const prFiles = await collect(listFiles({ ...common, repo: refsRepo, revision: "refs/pr/1" }));
  const readme = (list) => list.find((f) => f.path === "README.md")?.oid;
  check(readme(prFiles) && readme(prFiles) !== readme(mainFiles), "refs/pr/1 listing is not the PR's");
  const branchFiles = await collect(listFiles({ ...common, repo: refsRepo, revision: "feature/long-context" }));
  check(branchFiles.some((f) => f.path === "long-context.safetensors"), "slash branch listing is not the branch's");
  const prInfo = await modelInfo({ ...common, name: refsRepo, revision: "refs/pr/1", additionalFields: ["sha"] });
  const prSnapshot = await snapshotDownload({ ...common, repo: refsRepo, revision: "refs/pr/1", cacheDir });
  check(prSnapshot.endsWith(prInfo.sha), "refs/pr/1 snapshot not at the PR commit");
  check((await readFile(join(prSnapshot, "README.md"), "utf8")).includes("pull request 1"), "refs/pr/1 snapshot has main's README");
  console.log("ok revisions");

  // fileExists sends HEAD …/raw/…; 404 means false.
  check(await fileExists({ ...common, repo: "emulator/tiny-transformers", path: "config.json" }), "fileExists(config.json) false");
  check(!(await fileExists({ ...common, repo: "emulator/tiny-transformers", path: "nope.json" })), "fileExists(nope.json) true");

  // A single file by branch name: paths-info must carry lastCommit, which names the snapshot folder.
  const singleCache = await mkdtemp(join(tmpdir(), "hfdesk-interop-single-"));
  try {
    const single = await downloadFileToCacheDir({ ...common, repo: "emulator/tiny-transformers", path: "onnx/model.onnx", revision: "main", cacheDir: singleCache });
    const transformers = checked.find((c) => c.repo.name === "emulator/tiny-transformers");
    check(single.includes(transformers.info.sha), `downloadFileToCacheDir path ${single} lacks commit ${transformers.info.sha}`);
    const onnx = transformers.files.find((f) => f.path === "onnx/model.onnx");
    check(createHash("sha256").update(await readFile(single)).digest("hex") === onnx.lfs.oid, "downloadFileToCacheDir bytes differ");
  } finally {
    await rm(singleCache, { recursive: true, force: true });
  }
  const gatedBlob = await downloadFile({ ...common, repo: "emulator/gated-model", path: "config.json" });
  check(gatedBlob && (await gatedBlob.text()).includes("LlamaForCausalLM"), "gated file with a granted token not served");
  console.log("ok single files");

  // Access rules without a token.
  await expectHttpError(modelInfo({ hubUrl, name: "emulator/private-model" }), 401, "private repo info without token");
  await expectHttpError(downloadFile({ hubUrl, repo: "emulator/gated-model", path: "config.json" }), 401, "gated file without token");
  const gatedInfo = await modelInfo({ hubUrl, name: "emulator/gated-model" });
  check(gatedInfo.gated === "manual", `gated info: ${gatedInfo.gated}`);
  console.log("ok access");

  // The cache the official client wrote must scan clean.
  const scan = await scanCacheDir(cacheDir);
  check(scan.warnings.length === 0, `scanCacheDir warnings: ${scan.warnings.map((w) => w.message).join("; ")}`);
  check(scan.repos.length === checked.length, `scanCacheDir found ${scan.repos.length} repos, expected ${checked.length}`);
  for (const { repo, info, files } of checked) {
    const cached = scan.repos.find((r) => r.id.name === repo.name && r.id.type === repo.type);
    check(cached, `scanCacheDir misses ${repo.name}`);
    const revision = cached.revisions.find((r) => r.commitOid === info.sha);
    check(revision, `scanCacheDir: ${repo.name} has no revision ${info.sha}`);
    check(revision.refs.includes("main"), `scanCacheDir: ${repo.name} revision lacks ref main (${revision.refs})`);
    // JS scans only the top level of a snapshot.
    const topLevel = files.filter((f) => !f.path.includes("/")).map((f) => f.path).sort();
    const scanned = revision.files.map((f) => f.path.split(sep).pop()).sort();
    check(JSON.stringify(scanned) === JSON.stringify(topLevel), `scanCacheDir: ${repo.name} files ${scanned} != ${topLevel}`);
  }
  console.log("ok scanCacheDir");
  console.log(`interop: all checks passed (${checked.length} repos)`);
} catch (error) {
  console.error(`interop FAILED: ${error instanceof CheckFailure ? error.message : error?.stack ?? error}`);
  process.exit(1);
}
