// Validates rendered Kubernetes manifests (multi-document YAML files given as arguments) against the schemas of
// kubernetes-models (Kubernetes 1.27) and, for ServiceMonitor, @kubernetes-models/prometheus-operator.
// Also refuses: a document of a kind with no schema, two documents with the same kind/namespace/name, and a
// ConfigMap that looks like it carries a secret. Run by scripts/check-deploy with BOS_DEPLOY_NODE_MODULES set.
// Prints one line per file; exits 1 if any document fails.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.env.BOS_DEPLOY_NODE_MODULES;
if (!modules) { console.error("BOS_DEPLOY_NODE_MODULES is not set"); process.exit(2); }
const yaml = createRequire(join(modules, "noop.js"))("js-yaml");

function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  if (group === "monitoring.coreos.com") return join(modules, "@kubernetes-models/prometheus-operator", group, version, `${kind}.js`);
  return group ? join(modules, "kubernetes-models", group, version, `${kind}.js`) : join(modules, "kubernetes-models", version, `${kind}.js`);
}

const secretLike = /(password|passwd|secret|token|cookie|credential)/i;
let failed = 0;
let total = 0;
for (const file of process.argv.slice(2)) {
  const docs = yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d && typeof d === "object");
  const seen = new Set();
  const errors = [];
  for (const doc of docs) {
    total++;
    const where = `${doc.kind ?? "?"}/${doc.metadata?.name ?? "?"}`;
    if (!doc.apiVersion || !doc.kind || !doc.metadata?.name) { errors.push(`${where}: apiVersion, kind and metadata.name are required`); continue; }
    const key = `${doc.kind}/${doc.metadata.namespace ?? ""}/${doc.metadata.name}`;
    if (seen.has(key)) errors.push(`${where}: rendered twice`);
    seen.add(key);
    let Model;
    try {
      const module = await import(pathToFileURL(modelPath(doc.apiVersion, doc.kind)).href);
      Model = module[doc.kind];
    } catch {
      errors.push(`${where}: no schema for ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      errors.push(`${where}: ${String(e.message ?? e).split("\n").slice(0, 6).join(" | ")}`);
    }
    if (doc.kind === "ConfigMap") {
      for (const [k, v] of Object.entries(doc.data ?? {})) {
        if (secretLike.test(k) || /password\s*=/i.test(String(v)) || /^\s*(requirepass|masterauth|default_pass)\b/im.test(String(v)))
          errors.push(`${where}: key ${k} looks like a secret; secrets belong in a Secret`);
      }
    }
  }
  failed += errors.length;
  console.log(`${file}: ${docs.length} documents${errors.length ? `, ${errors.length} invalid` : ", all valid"}`);
  for (const e of errors) console.log(`  ${e}`);
}
console.log(`validated ${total} documents, ${failed} problems`);
process.exit(failed ? 1 : 0);
