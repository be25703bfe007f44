// Validates rendered Kubernetes manifests (multi-document YAML on stdin or in the files named) against the
// Kubernetes API schemas, and checks what this gateway's manifests must keep consistent:
//  1. schema: kubernetes-models (JSON schemas generated from the Kubernetes OpenAPI; types, formats, required
//     fields, enums) — and @kubernetes-models/prometheus-operator for ServiceMonitor;
//  2. strict fields: every field must be known to the official client's models (@kubernetes/client-node), so a
//     misspelt field (`replica:`, `readinessprobe:`) fails instead of being ignored by the API server;
//  3. gateway rules: the grace period covers the drain (Gateway__Shutdown__*), probes on the status port,
//     restricted security context, Services and NetworkPolicy name ports the container has, and no Service
//     exposes the admin port unless it is the opt-in gateway-admin one.
// Exit 0 when every document passes; prints one line per problem otherwise.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import * as client from "@kubernetes/client-node/dist/gen/models/all.js";

const sources = process.argv.length > 2 ? process.argv.slice(2).map((f) => [f, readFileSync(f, "utf8")]) : [["<stdin>", readFileSync(0, "utf8")]];
const problems = [];
const docs = [];
for (const [file, text] of sources) {
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) { problems.push(`${file}: YAML: ${doc.errors[0].message}`); continue; }
    const value = doc.toJS();
    if (value) docs.push([file, value]);
  }
}

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  if (group === "monitoring.coreos.com") return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

function strictFields(value, type, path) {
  if (value === null || value === undefined) return;
  if (type.startsWith("Array<")) {
    if (Array.isArray(value)) value.forEach((v, i) => strictFields(v, type.slice(6, -1), `${path}[${i}]`));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [k, v] of Object.entries(value)) strictFields(v, map[1], `${path}.${k}`);
    return;
  }
  const model = client[type];
  if (!model || !Array.isArray(model.attributeTypeMap) || typeof value !== "object") return;
  const known = new Map(model.attributeTypeMap.map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!known.has(k)) problems.push(`${path}.${k}: unknown field (not in ${type})`);
    else strictFields(v, known.get(k), `${path}.${k}`);
  }
}

for (const [file, doc] of docs) {
  const name = `${file}: ${doc.kind ?? "?"}/${doc.metadata?.name ?? "?"}`;
  if (!doc.apiVersion || !doc.kind) { problems.push(`${name}: apiVersion and kind are required`); continue; }
  let Model;
  try {
    Model = (await import(modulePath(doc.apiVersion, doc.kind)))[doc.kind];
  } catch {
    problems.push(`${name}: no schema for ${doc.apiVersion} ${doc.kind}`);
    continue;
  }
  try {
    new Model(doc).validate();
  } catch (error) {
    problems.push(`${name}: schema: ${error.message}`);
  }
  const version = doc.apiVersion.split("/").pop();
  const typeName = version[0].toUpperCase() + version.slice(1) + doc.kind;
  if (client[typeName]) strictFields(doc, typeName, name);
  else if (!doc.apiVersion.startsWith("monitoring.coreos.com/")) problems.push(`${name}: no client model ${typeName}`);
}

// Gateway rules.
const byKind = (kind) => docs.map(([, d]) => d).filter((d) => d.kind === kind);
const durationSeconds = (text) => {
  const m = /^(?:(\d+)\.)?(\d\d):(\d\d):(\d\d)$/.exec(text ?? "");
  return m ? (Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) : NaN;
};
const containerPorts = new Set();
for (const deployment of byKind("Deployment")) {
  const where = `Deployment/${deployment.metadata.name}`;
  const pod = deployment.spec.template.spec;
  const gateway = pod.containers.find((c) => c.name === "gateway");
  if (!gateway) { problems.push(`${where}: no container named gateway`); continue; }
  (gateway.ports ?? []).forEach((p) => containerPorts.add(p.name));
  const env = Object.fromEntries((gateway.env ?? []).map((e) => [e.name, e.value]));
  const drain = durationSeconds(env.Gateway__Shutdown__DrainDelay ?? "00:00:00");
  const timeout = durationSeconds(env.Gateway__Shutdown__Timeout ?? "00:00:30");
  const flush = durationSeconds(env.Gateway__Shutdown__AuditFlushTimeout ?? "00:00:10");
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (!(grace > drain + timeout + flush)) problems.push(`${where}: terminationGracePeriodSeconds ${grace} must exceed DrainDelay + Timeout + AuditFlushTimeout (${drain + timeout + flush} s)`);
  if (!(drain > 0)) problems.push(`${where}: Gateway__Shutdown__DrainDelay must be set above 0 so endpoints update before the listeners close`);
  if ((deployment.spec.replicas ?? 1) < 2) problems.push(`${where}: at least 2 replicas`);
  for (const [probe, path] of [["startupProbe", "/healthz"], ["livenessProbe", "/healthz"], ["readinessProbe", "/readyz"]]) {
    const get = gateway[probe]?.httpGet;
    if (get?.path !== path || get?.port !== "status") problems.push(`${where}: ${probe} must GET ${path} on port status`);
  }
  const sc = gateway.securityContext ?? {};
  if (sc.allowPrivilegeEscalation !== false || sc.readOnlyRootFilesystem !== true || !(sc.capabilities?.drop ?? []).includes("ALL")
      || !(sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) {
    problems.push(`${where}: the gateway container must run non-root, read-only, without privilege escalation or capabilities`);
  }
  if (!gateway.resources?.requests?.cpu || !gateway.resources?.requests?.memory || !gateway.resources?.limits?.memory) {
    problems.push(`${where}: CPU and memory requests and a memory limit are required`);
  }
}
for (const service of byKind("Service")) {
  for (const port of service.spec.ports ?? []) {
    if (typeof port.targetPort === "string" && !containerPorts.has(port.targetPort)) problems.push(`Service/${service.metadata.name}: targetPort ${port.targetPort} is no container port`);
    if ((port.targetPort === "admin" || port.targetPort === 8081) && service.metadata.name !== "gateway-admin") problems.push(`Service/${service.metadata.name}: exposes the admin listener`);
    if ((port.targetPort === "admin" || port.targetPort === 8081) && service.spec.type && service.spec.type !== "ClusterIP") problems.push(`Service/${service.metadata.name}: the admin listener must stay ClusterIP`);
  }
}
for (const policy of byKind("NetworkPolicy")) {
  for (const rule of policy.spec.ingress ?? []) {
    for (const port of rule.ports ?? []) {
      if (typeof port.port === "string" && !containerPorts.has(port.port)) problems.push(`NetworkPolicy/${policy.metadata.name}: port ${port.port} is no container port`);
      if (port.port === "admin" && !(rule.from ?? []).length) problems.push(`NetworkPolicy/${policy.metadata.name}: the admin port is open to everyone`);
    }
  }
}

for (const problem of problems) console.log(problem);
console.log(`validate.mjs: ${docs.length} documents, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
