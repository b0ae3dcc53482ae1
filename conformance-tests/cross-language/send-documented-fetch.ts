// Check 8: the documented requests, sent to the stub through the TypeScript client that OpenAPI
// Generator's typescript-fetch generated from the bundled document (default settings).
//
//   node send-documented-fetch.js <baseUrl> <examplesDir> <token>
//
// As send-documented.ts, through the other client: this one maps each model to and from JSON
// itself (NodePoolFromJSON, NodePoolToJSON, ...), so the round trip of the documented requests
// through its models is checked by the stub's answer. The test copies this file next to the
// generated client (../typescript-fetch) and compiles both with tsc --strict.

import { NodePoolApi } from '../typescript-fetch/apis/NodePoolApi';
import { CceErrorFromJSON, NodePoolFromJSON } from '../typescript-fetch/models';
import type { CceError, NodePool, NodePoolResponse } from '../typescript-fetch/models';
import { Configuration, ResponseError } from '../typescript-fetch/runtime';

// Node's globals, declared here so that the program needs no @types/node.
declare const process: { argv: string[]; exitCode?: number };
declare function require(module: 'node:fs'): { readFileSync(path: string, encoding: 'utf8'): string };

const [baseUrl, examplesDir, token] = process.argv.slice(2);
const fs = require('node:fs');
const problems: string[] = [];

const api = new NodePoolApi(new Configuration({
  basePath: baseUrl,
  apiKey: (name: string) => (name === 'X-Auth-Token' ? token : ''),
}));

function readRequest(name: string): any {
  return JSON.parse(fs.readFileSync(`${examplesDir}/${name}`, 'utf8'));
}

async function created(example: string, clusterId: string): Promise<void> {
  const json = readRequest(example);
  const nodePool: NodePool = NodePoolFromJSON(json);
  try {
    const raw = await api.createNodePoolRaw({ projectId: 'cross-language-project', clusterId, nodePool });
    const answer: NodePoolResponse = await raw.value();
    console.log(`${example} -> ${clusterId}: HTTP ${raw.raw.status}, node pool ${answer.metadata.name}`
        + ` (uid ${answer.metadata.uid})`);
    if (raw.raw.status !== 201) {
      problems.push(`${example}: expected 201, got ${raw.raw.status}`);
    }
    if (answer.kind !== 'NodePool' || answer.metadata.name !== json.metadata.name) {
      problems.push(`${example}: the 201 does not describe the node pool sent: ${JSON.stringify(answer)}`);
    }
  } catch (e: unknown) {
    const detail = e instanceof ResponseError ? `HTTP ${e.response.status} ${await e.response.text()}` : String(e);
    console.log(`${example} -> ${clusterId}: ${detail}`);
    problems.push(`${example}: expected 201 with a NodePoolResponse, got ${detail}`);
  }
}

async function rejected(): Promise<void> {
  const json = readRequest('cce-cluster-request.json');
  json.spec.autoscaling = { ...json.spec.autoscaling, minNodeCount: 5, maxNodeCount: 2 };
  try {
    await api.createNodePoolRaw({ projectId: 'cross-language-project', clusterId: 'cce-cluster',
      nodePool: NodePoolFromJSON(json) });
    problems.push('max below min: expected 400, the client returned a node pool');
  } catch (e: unknown) {
    if (!(e instanceof ResponseError)) {
      problems.push(`max below min: expected a ResponseError, got ${String(e)}`);
      return;
    }
    const body: unknown = await e.response.json();
    const cceError: CceError = CceErrorFromJSON(body);
    const code = cceError.errorCode;
    const pointers = (cceError.violations ?? []).map((v) => `${v.pointer} (${v.rule})`);
    console.log(`cce-cluster-request.json with maxNodeCount 2 < minNodeCount 5: HTTP ${e.response.status},`
        + ` errorCode ${code}, violations ${pointers.join(', ')}`);
    if (e.response.status !== 400) {
      problems.push(`max below min: expected 400, got ${e.response.status}`);
    }
    if (code !== 'CCE.01400001') {
      problems.push(`max below min: expected errorCode CCE.01400001 read from the CceError, got ${code}`
          + ` (the client read ${JSON.stringify(cceError)} from ${JSON.stringify(body)})`);
    }
    if (!pointers.some((p) => p.endsWith(' (autoscaling-max-not-below-min)'))) {
      problems.push(`max below min: expected a violation of rule autoscaling-max-not-below-min, got ${pointers.join(', ') || 'none'}`);
    }
  }
}

async function main(): Promise<void> {
  await created('cce-cluster-request.json', 'cce-cluster');
  await created('cce-turbo-cluster-request.json', 'turbo-cluster');
  await rejected();
  for (const problem of problems) {
    console.log(`PROBLEM ${problem}`);
  }
  console.log(problems.length === 0 ? 'OK' : `FAILED (${problems.length} problems)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((e: unknown) => {
  console.log(`FAILED: ${e instanceof Error ? e.stack : String(e)}`);
  process.exitCode = 2;
});
