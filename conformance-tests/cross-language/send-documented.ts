// Check 8: the documented requests, sent to the stub through the TypeScript client that
// @hey-api/openapi-ts generated from the bundled document (default settings, fetch client).
//
//   node send-documented.js <baseUrl> <examplesDir> <token>
//
// The test copies this file next to the generated client (../hey-api) and compiles both with
// tsc --strict. It sends cce-cluster-request.json to cluster cce-cluster and
// cce-turbo-cluster-request.json to turbo-cluster (stub-clusters.yaml) and reads each 201 as
// NodePoolResponse; then it sends the CCE request with autoscaling maxNodeCount below
// minNodeCount (rule autoscaling-max-not-below-min of x-cce-rules: valid for the schema, so no
// generated client refuses it before sending) and reads the CCE errorCode and the violations of the
// 400 as CceError. Exit code 0 only if all
// of that holds; every line it prints says what it saw.

import { createClient } from '../hey-api/client';
import { createNodePool } from '../hey-api/sdk.gen';
import type { CceError, NodePool, NodePoolResponse } from '../hey-api/types.gen';

// Node's globals, declared here so that the program needs no @types/node.
declare const process: { argv: string[]; exitCode?: number };
declare function require(module: 'node:fs'): { readFileSync(path: string, encoding: 'utf8'): string };

const [baseUrl, examplesDir, token] = process.argv.slice(2);
const fs = require('node:fs');
const problems: string[] = [];

const client = createClient({
  baseUrl,
  // The token scheme only (X-Auth-Token); the AK/SK schemes get no value and are left out.
  auth: (scheme) => (scheme.name === 'X-Auth-Token' ? token : undefined),
});

function readRequest(name: string): NodePool {
  return JSON.parse(fs.readFileSync(`${examplesDir}/${name}`, 'utf8')) as NodePool;
}

async function created(example: string, clusterId: string): Promise<void> {
  const body = readRequest(example);
  const { data, error, response } = await createNodePool({
    client,
    path: { project_id: 'cross-language-project', cluster_id: clusterId },
    body,
  });
  const answer: NodePoolResponse | undefined = data;
  console.log(`${example} -> ${clusterId}: HTTP ${response.status}`
      + (answer ? `, node pool ${answer.metadata.name} (uid ${answer.metadata.uid})` : `, error ${JSON.stringify(error)}`));
  if (response.status !== 201 || answer === undefined) {
    problems.push(`${example}: expected 201 with a NodePoolResponse, got ${response.status} ${JSON.stringify(error)}`);
    return;
  }
  if (answer.kind !== 'NodePool' || answer.metadata.name !== body.metadata.name
      || answer.spec.nodeTemplate?.flavor !== body.spec.nodeTemplate.flavor) {
    problems.push(`${example}: the 201 does not describe the node pool sent: ${JSON.stringify(answer)}`);
  }
}

async function rejected(): Promise<void> {
  const body = readRequest('cce-cluster-request.json');
  body.spec.autoscaling = { ...body.spec.autoscaling, minNodeCount: 5, maxNodeCount: 2 };
  const { data, error, response } = await createNodePool({
    client,
    path: { project_id: 'cross-language-project', cluster_id: 'cce-cluster' },
    body,
  });
  // The error type is the union of the documented error bodies; CCE's has errorCode.
  const cceError: CceError | undefined = error !== undefined && 'errorCode' in error ? error : undefined;
  const code = cceError?.errorCode;
  const pointers = (cceError?.violations ?? []).map((v) => `${v.pointer} (${v.rule})`);
  console.log(`cce-cluster-request.json with maxNodeCount 2 < minNodeCount 5: HTTP ${response.status}, errorCode ${code},`
      + ` violations ${pointers.join(', ')}`);
  if (response.status !== 400 || data !== undefined) {
    problems.push(`max below min: expected 400, got ${response.status}`);
  }
  if (code !== 'CCE.01400001') {
    problems.push(`max below min: expected errorCode CCE.01400001 read from the CceError, got ${code}`
        + ` (error body as the client read it: ${JSON.stringify(cceError)})`);
  }
  if (!pointers.some((p) => p.endsWith(' (autoscaling-max-not-below-min)'))) {
    problems.push(`max below min: expected a violation of rule autoscaling-max-not-below-min, got ${pointers.join(', ') || 'none'}`);
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
