// Interop between HFDesk-written caches and the official @huggingface/hub client (pinned in package.json).
//
//   node check-hfdesk-cache.mjs scan <cacheDir> <expected.json>
//     scanCacheDir must see every expected repo ({type, name, commit, ref, files}) with no warnings, at the
//     expected commit and ref, with the expected top-level files, each resolving to bytes of the listed size.
//   node check-hfdesk-cache.mjs write <hubUrl> <cacheDir> <token> <type> <name>
//     snapshotDownload writes the repo as the official client does, so HFDesk can be asked to read it.
//
// Exits 0 and prints "interop: ok" when every check passes; otherwise prints "interop FAILED: <reason>", exits 1.
import { readFile, stat } from "node:fs/promises";
import { sep } from "node:path";
import { scanCacheDir, snapshotDownload } from "@huggingface/hub";

class CheckFailure extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new CheckFailure(message);
  }
}

async function scan(cacheDir, expectedPath) {
  const expected = JSON.parse(await readFile(expectedPath, "utf8"));
  const result = await scanCacheDir(cacheDir);
  check(result.warnings.length === 0, `scanCacheDir warnings: ${result.warnings.map((w) => w.message).join("; ")}`);
  for (const repo of expected) {
    const cached = result.repos.find((r) => r.id.name === repo.name && r.id.type === repo.type);
    check(cached, `scanCacheDir misses ${repo.type} ${repo.name} (found ${result.repos.map((r) => r.id.name).join(", ")})`);
    const revision = cached.revisions.find((r) => r.commitOid === repo.commit);
    check(revision, `${repo.name}: no revision ${repo.commit}`);
    if (repo.ref) {
      check(revision.refs.includes(repo.ref), `${repo.name}: revision refs ${JSON.stringify(revision.refs)} lack ${repo.ref}`);
    }

    // JS scans only the top level of a snapshot folder.
    const topLevel = repo.files.filter((f) => !f.path.includes("/")).map((f) => f.path).sort();
    const scanned = revision.files.map((f) => f.path.split(sep).pop()).sort();
    check(JSON.stringify(scanned) === JSON.stringify(topLevel), `${repo.name}: scanned files ${scanned} != ${topLevel}`);
    for (const file of revision.files) {
      const want = repo.files.find((f) => f.path === file.path.split(sep).pop());
      const info = await stat(file.blob.path);
      check(info.size === want.size, `${repo.name}/${want.path}: blob has ${info.size} bytes, expected ${want.size}`);
    }
    console.log(`ok ${repo.type} ${repo.name} @ ${repo.commit} (${scanned.length} top-level files)`);
  }
}

async function write(hubUrl, cacheDir, accessToken, type, name) {
  const path = await snapshotDownload({ hubUrl, accessToken, repo: { type, name }, cacheDir });
  console.log(`snapshot ${path}`);
}

try {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === "scan" && args.length === 2) {
    await scan(...args);
  } else if (mode === "write" && args.length === 5) {
    await write(...args);
  } else {
    console.error("usage: check-hfdesk-cache.mjs scan <cacheDir> <expected.json> | write <hubUrl> <cacheDir> <token> <type> <name>");
    process.exit(2);
  }

  console.log("interop: ok");
} catch (error) {
  console.error(`interop FAILED: ${error instanceof CheckFailure ? error.message : error?.stack ?? error}`);
  process.exit(1);
}
