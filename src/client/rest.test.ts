import { expect } from '@open-wc/testing';
import { createSim, type SimInstance } from '../../test/support/sim.js';
import { CoordinatorClient } from './client.js';
import { CoordinatorError } from './errors.js';
import { rememberedRunBodyShape } from './rest.js';
import { waitFor } from '../../test/support/client-kit.js';

async function failure(promise: Promise<unknown>): Promise<CoordinatorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CoordinatorError);
    return error as CoordinatorError;
  }
  throw new Error('expected the call to fail');
}

describe('REST calls against the simulated coordinator', () => {
  let sim: SimInstance | undefined;
  let client: CoordinatorClient | undefined;
  afterEach(async () => {
    client?.close();
    client = undefined;
    await sim?.close();
    sim = undefined;
  });

  it('derives the REST base from the SSE URL and runs a chat: start, result, resume, stop, delete', async () => {
    sim = await createSim({ stepMs: 5 });
    client = new CoordinatorClient({ url: sim.sseUrl });
    expect(client.apiBase).to.equal(sim.base);

    const agents = await client.listAgents();
    expect(agents.map((a) => a.name)).to.include('coder');

    const created = await client.startRun({ prompt: 'List the files', agentName: 'coder' });
    expect(created.status).to.equal('pending');
    expect(created.session_id).to.match(/^ses_[0-9a-f]{12}$/);
    const sid = created.session_id;
    await waitFor(async () => (await client!.getSession(sid)).status === 'idle', 'idle');
    const session = await client.getSession(sid);
    expect(session).to.include({ sessionId: sid, agentName: 'coder' });
    expect((await client.listSessions()).map((s) => s.sessionId)).to.include(sid);

    const history = await client.getHistory(sid);
    expect(history[0].type).to.equal('run_start');
    expect(history.at(-1)!.type).to.equal('run_completed');
    expect(history.every((e) => typeof e.historyId === 'number')).to.equal(true);
    const result = await client.getResult(sid);
    expect(result.result_text).to.be.a('string').and.not.equal('');

    const resumed = await client.resumeRun(sid, 'And now the tests');
    expect(resumed.session_id).to.equal(sid);
    await waitFor(
      async () => (await client!.getHistory(sid)).filter((e) => e.type === 'run_completed').length === 2,
      'second run',
    );

    const conflict = await failure(client.deleteSession(sid));
    expect(conflict.status).to.equal(409);
    expect(conflict.message).to.match(/stop it first/);

    const stopped = await client.stopSession(sid);
    expect(stopped).to.include({ ok: true, session_id: sid });
    await waitFor(async () => (await client!.getSession(sid)).status === 'stopped', 'stopped');
    await client.deleteSession(sid);
    const gone = await failure(client.getSession(sid));
    expect(gone.status).to.equal(404);
    expect(gone.detail).to.be.a('string');
    const requests = (await sim.stats()).requests;
    const post = requests.find((r) => r.method === 'POST' && r.path === '/runs');
    expect(post?.status).to.equal(201);
  });

  it('reports parameter_validation_failed with the field messages', async () => {
    sim = await createSim();
    client = new CoordinatorClient({ url: sim.sseUrl });
    const error = await failure(client.startRun({ prompt: '   ' }));
    expect(error.status).to.equal(400);
    expect(error.code).to.equal('parameter_validation_failed');
    expect(error.message).to.equal('Parameter validation failed');
    expect(error.fieldMessages).to.deep.equal(['prompt: prompt is required and must be a non-empty string']);
    // 400 is not a shape problem: no second attempt.
    expect((await sim.stats()).requests.filter((r) => r.path === '/runs')).to.have.length(1);
  });

  it('rename era: a 422 for parameters.prompt is retried once with a top-level prompt, and remembered', async () => {
    sim = await createSim({ era: 'rename', stepMs: 5 });
    client = new CoordinatorClient({ url: sim.sseUrl });
    expect(rememberedRunBodyShape(client.apiBase)).to.equal(null);
    const first = await client.startRun({ prompt: 'hello' });
    expect(rememberedRunBodyShape(client.apiBase)).to.equal('prompt');
    await waitFor(async () => (await client!.getSession(first.session_id)).status === 'finished', 'finished');
    await client.resumeRun(first.session_id, 'again');
    await client.startRun({ prompt: 'third' });
    const runs = (await sim.stats()).requests.filter((r) => r.path === '/runs').map((r) => r.status);
    expect(runs).to.deep.equal([422, 201, 201, 201]);

    // Another client for the same coordinator knows the shape already.
    const other = new CoordinatorClient({ url: sim.sseUrl });
    await other.startRun({ prompt: 'fourth' });
    other.close();
    expect((await sim.stats()).requests.filter((r) => r.path === '/runs').map((r) => r.status)).to.deep.equal([
      422, 201, 201, 201, 201,
    ]);
  });

  it('rename era: an empty prompt reports the content error, not the shape error', async () => {
    sim = await createSim({ era: 'rename' });
    client = new CoordinatorClient({ url: sim.sseUrl });
    const error = await failure(client.startRun({ prompt: '' }));
    expect(error.status).to.equal(422);
    expect(error.fieldMessages).to.deep.equal(['prompt: String should have at least 1 character']);
  });

  it('a fixed body shape is not retried', async () => {
    sim = await createSim({ era: 'rename' });
    client = new CoordinatorClient({ url: sim.sseUrl, runBodyShape: 'parameters' });
    const error = await failure(client.startRun({ prompt: 'hello' }));
    expect(error.status).to.equal(422);
    expect(error.fieldMessages).to.deep.equal(['prompt: Field required']);
    expect((await sim.stats()).requests.filter((r) => r.path === '/runs')).to.have.length(1);
  });

  it('server errors and auth errors carry status and detail', async () => {
    sim = await createSim({ token: 'secret' });
    client = new CoordinatorClient({ url: sim.sseUrl, token: 'secret' });
    await sim.fault({ failRequests: { status: 500, count: 1, path: '/sessions' } });
    const e500 = await failure(client.listSessions());
    expect([e500.status, e500.detail]).to.deep.equal([500, 'Internal Server Error (simulated)']);
    expect(await client.listSessions()).to.deep.equal([]);

    const anonymous = new CoordinatorClient({ url: sim.sseUrl });
    const e401 = await failure(anonymous.listSessions());
    expect([e401.status, e401.message]).to.deep.equal([401, 'Not authenticated']);
    const wrong = new CoordinatorClient({ url: sim.sseUrl, token: 'nope' });
    const e403 = await failure(wrong.listAgents());
    expect([e403.status, e403.message]).to.deep.equal([403, 'Invalid or expired token']);
  });

  it('sends the token as a header, or as api_key in query mode', async () => {
    sim = await createSim({ token: 'secret' });
    client = new CoordinatorClient({ url: sim.sseUrl, token: 'secret' });
    await client.listSessions();
    const query = new CoordinatorClient({ url: sim.sseUrl, token: 'secret', authMode: 'query' });
    await query.listSessions();
    const [a, b] = (await sim.stats()).requests.filter((r) => r.path === '/sessions');
    expect([a.authorization, a.query.api_key]).to.deep.equal(['Bearer secret', undefined]);
    expect([b.authorization, b.query.api_key]).to.deep.equal([null, 'secret']);
  });

  it('a token provider returning a new token after 403 gets one retry', async () => {
    sim = await createSim({ token: 'fresh' });
    const tokens = ['stale', 'fresh'];
    client = new CoordinatorClient({ url: sim.sseUrl, tokenProvider: () => tokens.shift() ?? 'fresh' });
    expect(await client.listSessions()).to.deep.equal([]);
    const calls = (await sim.stats()).requests.filter((r) => r.path === '/sessions');
    expect(calls.map((r) => [r.authorization, r.status])).to.deep.equal([
      ['Bearer stale', 403],
      ['Bearer fresh', 200],
    ]);
  });

  it('a network failure is a CoordinatorError with status 0', async () => {
    client = new CoordinatorClient({ url: 'http://127.0.0.1:9/sse/sessions', requestTimeoutMs: 5000 });
    const error = await failure(client.listSessions());
    expect(error.status).to.equal(0);
  });
});
