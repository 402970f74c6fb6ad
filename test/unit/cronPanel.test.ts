import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderCronPreview } from '../../client/src/cronPreview/render';
import { buildPreview } from '../../server/src/core/cron/preview';
import type { CronPreviewResponse } from '../../server/src/protocol';

const esc = (value: unknown) => String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);

function response(schedule: string, timeZone?: string, extra: Partial<CronPreviewResponse> = {}): CronPreviewResponse {
  const data = buildPreview({ schedule, ...(timeZone ? { timeZone } : {}), from: new Date('2026-03-06T00:00:00Z'), count: 4, localZone: 'Asia/Tokyo', policy: { concurrencyPolicy: 'Forbid' } });
  return { ...data, from: '2026-03-06T00:00:00.000Z', ...extra };
}

describe('Preview CronJob Runs panel HTML', () => {
  test('runs in zone, UTC and local, gaps, the DST change and the policies', () => {
    const html = renderCronPreview(esc, response('30 2 * * *', 'America/New_York', { name: 'report' }));
    assert.match(html, /<h1>CronJob report<\/h1>/);
    assert.match(html, /<th>America\/New_York<\/th><th>UTC<\/th><th>Your time \(Asia\/Tokyo\)<\/th><th>Gap<\/th>/);
    assert.match(html, /<time datetime="2026-03-09T06:30:00.000Z">Mon 2026-03-09 02:30 EDT<\/time>/);
    assert.match(html, /<td>1d 23h<\/td>/);
    assert.match(html, /clocks go forward from 02:00 to 03:00/);
    assert.match(html, /no run at 02:30/);
    assert.match(html, /<code>concurrencyPolicy<\/code><\/td><td>Forbid<\/td>/);
    assert.match(html, /id="more"/);
  });

  test('every value is escaped', () => {
    const html = renderCronPreview(esc, response('<img src=x onerror=alert(1)> * * * *', undefined, { name: '<b>x</b>' }));
    assert.doesNotMatch(html, /<img|<b>x/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
  });

  test('an invalid schedule shows the error and no table', () => {
    const html = renderCronPreview(esc, response('0 0 * * 7'));
    assert.match(html, /role="alert">spec\.schedule: Invalid value: &#34;0 0 \* \* 7&#34;: end of range \(7\) above maximum \(6\): 7</);
    assert.doesNotMatch(html, /<table/);
  });

  test('a never-firing schedule says so', () => {
    const html = renderCronPreview(esc, response('0 0 30 2 *'));
    assert.match(html, /No run within five years/);
    assert.doesNotMatch(html, /id="more"/);
  });
});
