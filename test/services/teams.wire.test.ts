// The teams wire format byte for byte (spec/handlers.md §3.24; Kapacitor keeps no teams
// vectors here): a MessageCard marshalled without a trailing newline, the title and summary
// rules, the summary's 70-byte cut (Go slices bytes) plus '...', the level colours, the
// channel URL option, and the success statuses 200 and 204, through a real host.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Level } from '../../src/alert/level.js';
import { closeAll } from '../helpers/receivers.js';
import { headerOf, startWirePeer, type WirePeer } from '../helpers/wire-peer.js';

let peer: WirePeer;
beforeAll(async () => {
  peer = await startWirePeer('teams', (base) => ({ enabled: true, 'channel-url': `${base}/hook` }));
});
afterAll(async () => {
  await peer.stop();
  await closeAll();
});

const card = (title: string, text: string, summary: string, color: string) =>
  `{"@type":"MessageCard","@context":"http://schema.org/extensions","title":${JSON.stringify(title)},"text":${JSON.stringify(text)},"summary":${JSON.stringify(summary)},"themeColor":"${color}"}`;

describe('teams on the wire', () => {
  it('posts a MessageCard to the channel URL, marshalled without a trailing newline', async () => {
    const req = await peer.send({}, { id: 'cpu.serverA', message: 'cpu is high' });
    expect(`${req.method} ${req.url}`).toBe('POST /hook');
    expect(headerOf(req, 'Content-Type')).toBe('application/json');
    expect(req.body).toBe(
      card('CRITICAL: [cpu.serverA]', 'cpu is high', 'CRITICAL: [cpu.serverA] - cpu is high...', 'CC4A31'), // prettier-ignore
    );
  });

  it('titles by ID, else by topic, and colours by level', async () => {
    const byTopic = await peer.send({}, { id: '', topic: 'disk', level: Level.WARNING, message: 'm' }); // prettier-ignore
    expect(byTopic.body).toBe(card('WARNING: [disk]', 'm', 'WARNING: [disk] - m...', 'FFA533'));
    const ok = await peer.send({}, { level: Level.OK, message: 'm' });
    expect(JSON.parse(ok.body).themeColor).toBe('34CC25');
    const info = await peer.send({}, { level: Level.INFO, message: 'm' });
    expect(JSON.parse(info.body).themeColor).toBe('34CC25');
  });

  it('titles by the level alone when there is neither ID nor topic (the service test)', async () => {
    const before = peer.received.length;
    const result = await peer.serviceTest({ alert_id: '', alert_topic: '', level: 'INFO' });
    expect(result).toEqual({ success: true, message: '' });
    expect(peer.received[before]!.body).toBe(
      card('INFO', 'test teams message', 'INFO: test teams message...', '34CC25'),
    );
  });

  it("cuts the summary at 70 bytes, as Go slices a string, and always adds '...'", async () => {
    const long = await peer.send({}, { id: 'x', message: 'a'.repeat(100) });
    const summary = JSON.parse(long.body).summary as string;
    expect(summary).toBe(`CRITICAL: [x] - ${'a'.repeat(70 - 16)}...`);
    expect(Buffer.byteLength(summary) - 3).toBe(70);
    // 'CRITICAL: [x] - ' is 16 bytes, then 'é' (2 bytes) straddles byte 70: Go keeps its first
    // byte, which json.Marshal writes as \ufffd.
    const split = await peer.send({}, { id: 'x', message: `${'a'.repeat(53)}é${'b'.repeat(10)}` });
    expect(split.body).toContain(`"summary":"CRITICAL: [x] - ${'a'.repeat(53)}\\ufffd..."`);
    // '€' is 3 bytes: with 52 'a's, 2 of them are kept, so two \ufffd.
    const euro = await peer.send({}, { id: 'x', message: `${'a'.repeat(52)}€` });
    expect(euro.body).toContain(`- ${'a'.repeat(52)}\\ufffd\\ufffd..."`);
  });

  it('escapes <, > and & as Go does', async () => {
    const req = await peer.send({}, { id: 'a<b>', message: 'x & y' });
    expect(req.body).toContain('"title":"CRITICAL: [a\\u003cb\\u003e]","text":"x \\u0026 y"');
  });

  it('posts to the channel-url option when one is given; the service test to the config URL', async () => {
    const req = await peer.send({ 'channel-url': `${peer.base}/other` });
    expect(req.url).toBe('/other');
    const before = peer.received.length;
    await peer.serviceTest({ channel_url: `${peer.base}/ignored` });
    expect(peer.received[before]!.url).toBe('/hook');
  });

  it('takes 200 and 204 as success, anything else as a failure with the error member', async () => {
    peer.answer({ status: 204 });
    expect(await peer.serviceTest({})).toEqual({ success: true, message: '' });
    peer.answer({ status: 400, body: '{"error":"bad card"}' });
    const failed = await peer.serviceTest({});
    peer.answer({ status: 200 });
    expect(failed.success).toBe(false);
    expect(failed.message).toContain('bad card');
  });

  it('refuses a channel-url option that is not an http(s) URL', async () => {
    expect(await peer.create({ 'channel-url': 'ftp://x' })).toEqual({
      status: 400,
      error: expect.stringContaining('option "channel-url"'),
    });
  });
});
