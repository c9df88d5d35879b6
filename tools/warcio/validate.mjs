// validate.mjs FILE.warc[.gz] [INDEX.cdxj]
//
// Reads a WARC written by `folio export` with warcio.js (webrecorder's
// parser, the one ReplayWeb.page uses) and checks what replay depends on:
// every record parses, payload digests match the payloads warcio.js reads,
// HTTP Content-Length matches the payload and Transfer-Encoding is gone,
// a gzip Content-Encoding covers gzip bytes, revisits name a response of
// the file by id, target URI and date, requests and responses are linked,
// and each CDXJ line's offset and length are those warcio.js finds for
// that record (one line per response and revisit, 304s left out). Prints one line; exits 1 on the first list of problems.
import fs from "node:fs";
import crypto from "node:crypto";
import { WARCParser } from "warcio";

const [file, index] = process.argv.slice(2);
if (!file) {
  console.error("usage: node validate.mjs FILE.warc[.gz] [INDEX.cdxj]");
  process.exit(2);
}

const problems = [];
const bad = (msg) => problems.push(msg);

function base32(bytes) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}
const sha1 = (b) => "sha1:" + base32(crypto.createHash("sha1").update(b).digest());
const bare = (id) => (id || "").replace(/^<|>$/g, "");

const parser = new WARCParser(fs.createReadStream(file), { keepHeadersCase: true });
const records = [];
const byId = new Map();
for await (const record of parser) {
  const h = (name) => record.warcHeaders.headers.get(name);
  const rec = {
    type: record.warcType, id: bare(h("WARC-Record-ID")), uri: h("WARC-Target-URI"), date: h("WARC-Date"),
    payloadDigest: h("WARC-Payload-Digest"), concurrent: h("WARC-Concurrent-To"),
    notModified: /\/revisit\/server-not-modified$/.test(h("WARC-Profile") || ""),
  };
  if (records.length === 0 && rec.type !== "warcinfo") bad("the first record is not warcinfo");
  if (!/^urn:uuid:[0-9a-f-]{36}$/.test(rec.id)) bad(`record id ${h("WARC-Record-ID")}`);
  if (byId.has(rec.id)) bad(`record id ${rec.id} repeated`);
  if (rec.uri && rec.uri.startsWith("<")) bad(`target URI in angle brackets: ${rec.uri}`);
  // WARC 1.1: UTC, to the second or to a fraction of it (1 to 9 digits).
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(rec.date || "")) bad(`WARC-Date ${rec.date}`);

  if (rec.type === "response" || rec.type === "revisit") {
    const http = record.httpHeaders;
    if (!http) bad(`${rec.type} ${rec.uri}: no HTTP headers`);
    const payload = await record.readFully(false);
    const hdr = (n) => (http ? http.headers.get(n) : null);
    if (rec.type === "response" && http && String(http.statusCode) === "304") rec.notModified = true; // a 304 that confirmed nothing stored
    if (hdr("Transfer-Encoding")) bad(`${rec.uri}: Transfer-Encoding kept`);
    if (rec.type === "response") {
      if (sha1(payload) !== rec.payloadDigest) bad(`${rec.uri}: payload digest ${rec.payloadDigest}, warcio.js reads ${sha1(payload)}`);
      if (hdr("Content-Length") !== String(payload.length)) bad(`${rec.uri}: Content-Length ${hdr("Content-Length")} for ${payload.length} bytes`);
      if (/gzip/i.test(hdr("Content-Encoding") || "") && !(payload[0] === 0x1f && payload[1] === 0x8b))
        bad(`${rec.uri}: Content-Encoding gzip over a payload that is not gzip`);
    } else {
      if (payload.length !== 0) bad(`revisit ${rec.uri}: ${payload.length} payload bytes`);
      const ref = byId.get(bare(h("WARC-Refers-To")));
      if (!/\/revisit\/(identical-payload-digest|server-not-modified)$/.test(h("WARC-Profile") || "")) bad(`revisit ${rec.uri}: profile ${h("WARC-Profile")}`);
      if (!ref || ref.type !== "response") bad(`revisit ${rec.uri}: WARC-Refers-To names no earlier response`);
      else if (ref.uri !== h("WARC-Refers-To-Target-URI") || ref.date !== h("WARC-Refers-To-Date"))
        bad(`revisit ${rec.uri}: Refers-To-Target-URI/Date do not match the response it refers to`);
      // identical-payload-digest requires the payload's digest, which is
      // the referent's; server-not-modified prohibits one (the 304 had no
      // payload; warcio's conformance rules).
      if (/identical-payload-digest$/.test(h("WARC-Profile") || "") && (!rec.payloadDigest || (ref && ref.payloadDigest !== rec.payloadDigest)))
        bad(`revisit ${rec.uri}: payload digest ${rec.payloadDigest} is not the response's`);
      if (/server-not-modified$/.test(h("WARC-Profile") || "") && rec.payloadDigest)
        bad(`revisit ${rec.uri}: a server-not-modified revisit names a payload digest`);
    }
  } else {
    await record.readFully(false);
  }
  rec.offset = parser.offset;
  rec.length = parser.recordLength;
  records.push(rec);
  byId.set(rec.id, rec);
}

for (const r of records) {
  if (r.type === "request" && byId.get(bare(r.concurrent))?.concurrent !== `<${r.id}>`)
    bad(`request ${r.uri}: not linked both ways to its response`);
}

let lines = 0;
if (index) {
  const text = fs.readFileSync(index, "utf8").trimEnd();
  const all = text ? text.split("\n") : [];
  const sorted = [...all].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.compare(Buffer.from(a), Buffer.from(b))));
  if (all.join("\n") !== sorted.join("\n")) bad("CDXJ lines are not in byte order");
  // A 304 (a server-not-modified revisit, or a response to a request
  // that asked for none) stays out of the replay index.
  const at = new Map(records.filter((r) => (r.type === "response" || r.type === "revisit") && !r.notModified).map((r) => [`${r.offset}`, r]));
  for (const line of all) {
    const [, ts] = line.split(" ", 2);
    const j = JSON.parse(line.slice(line.indexOf("{")));
    const r = at.get(String(j.offset));
    if (!r || String(r.length) !== String(j.length) || r.uri !== j.url || (r.date.replace(/\D/g, "") + "000").slice(0, 17) !== ts || r.payloadDigest !== j.digest)
      bad(`CDXJ line for ${j.url} at ${j.offset}+${j.length}: warcio.js finds ${r ? `${r.uri} ${r.offset}+${r.length}` : "no record"} there`);
    if (String(j.status) === "304") bad(`CDXJ line for ${j.url}: status 304 replays as an empty page`);
    lines++;
  }
  if (lines !== at.size) bad(`${lines} CDXJ lines for ${at.size} responses and revisits (304s left out)`);
}

if (problems.length) {
  console.log(`warcio.js: ${problems.length} problem(s) in ${file}:\n  ` + problems.slice(0, 20).join("\n  "));
  process.exit(1);
}
console.log(`warcio.js: ${records.length} records ok${index ? `, ${lines} index lines land on their records` : ""}`);
