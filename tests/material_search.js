// Material for MkDocs' own search worker, run in Node as a browser runs it (tests/test_search.py):
//   node tests/material_search.js SITE INDEX.json QUERIES.json  ->  JSON: {query: [location of each result, best first]}
// SITE is a built site (its assets/javascripts/workers/search.*.min.js and the lunr scripts it imports); INDEX the
// search index to load (its config and docs, as the page would fetch it).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, indexFile, queriesFile] = process.argv.slice(2);
const workers = path.join(site, "assets", "javascripts", "workers");
const worker = fs.readdirSync(workers).find((f) => /^search\..*\.min\.js$/.test(f));
const context = { console, setTimeout, URL, TextEncoder, TextDecoder };
context.self = context;
context.globalThis = context;
// The worker imports lunr and its languages by URLs relative to itself ("../lunr/min/lunr.zh.min.js").
context.importScripts = (...urls) =>
  urls.forEach((u) => vm.runInContext(fs.readFileSync(path.join(workers, u), "utf8"), context));
const messages = [];
context.postMessage = (m) => messages.push(m);
context.addEventListener = (type, handler) => {
  context.onmessage = handler;
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), context);

const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const send = (data) => context.onmessage({ data });
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

(async () => {
  // Material's message types: 0 setup, 1 ready, 2 query, 3 result.
  send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  for (let i = 0; i < 200 && !messages.some((m) => m.type === 1); i++) await wait(25);
  const found = {};
  for (const query of queries) {
    messages.length = 0;
    send({ type: 2, data: query });
    for (let i = 0; i < 200 && !messages.some((m) => m.type === 3); i++) await wait(5);
    const result = messages.find((m) => m.type === 3);
    if (!result) throw new Error(`no result for ${JSON.stringify(query)}`);
    found[query] = result.data.items.map((group) => group[0].location);
  }
  process.stdout.write(JSON.stringify(found));
})().catch((error) => {
  process.stderr.write(String(error.stack || error));
  process.exit(1);
});
