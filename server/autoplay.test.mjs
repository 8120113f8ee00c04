import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimServer, startAutoplay } from './coordinator.mjs';
import { stream, sleep } from './testkit.mjs';

test('autoplay keeps sessions going: new ones, follow-ups, old names, failures, clean-up', async () => {
  const sim = await startSimServer();
  const inst = sim.createInstance({ stepMs: 1 });
  const sse = await stream(inst, '?include_init=false');
  const auto = startAutoplay(inst, { intervalMs: 15, keep: 5 });
  try {
    const types = () => new Set(sse.frames.map((f) => (f.event === 'event' ? f.json.data.event_type : f.event)));
    await sse.until(
      () => {
        const t = types();
        return ['session_start', 'session_stop', 'run_start', 'run_completed', 'run_failed', 'session_deleted'].every(
          (k) => t.has(k),
        )
          ? true
          : undefined;
      },
      15000,
      'every kind of activity',
    );
    // Resumes happen: some session has more than one user message.
    const users = new Map();
    for (const f of sse.frames)
      if (f.json?.data?.role === 'user')
        users.set(f.json.data.session_id, (users.get(f.json.data.session_id) ?? 0) + 1);
    assert.ok(
      [...users.values()].some((n) => n > 1),
      'a session was resumed',
    );
    assert.ok(inst.listSessions().length <= 6, `bounded (${inst.listSessions().length})`);
    auto.stop();
    const created = () => sse.frames.filter((f) => f.event === 'session_created').length;
    const before = created();
    await sleep(100);
    assert.equal(created(), before, 'no new sessions after stop()');
  } finally {
    auto.stop();
    sse.close();
    await sim.close();
  }
});
