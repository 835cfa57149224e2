import { describe, expect, it } from 'vitest';
import { jsonTemplateFuncs } from '../../../src/tick/template/index.js';
import { messageData, render } from './helpers.js';

const html = { html: true, funcs: jsonTemplateFuncs };

describe('html/template mode (text context)', () => {
  it.each([
    ['{{ .Message }}', 'CRITICAL &lt;b&gt;alert&lt;/b&gt; &amp; more'],
    ['<p>{{ .Level }}</p>', '<p>CRITICAL</p>'],
    ['{{ "a\'b\\"c+d\\x00" }}', 'a&#39;b&#34;c&#43;d\ufffd'],
    ['{{ jsonCompact .Tags }}', '{&#34;host&#34;:&#34;serverA&#34;}'],
    [
      '{{ json .Message }}',
      '&#34;CRITICAL \\u003cb\\u003ealert\\u003c/b\\u003e \\u0026 more&#34;\n',
    ],
    ['{{ .Time }}', '1971-01-01 00:00:10 &#43;0000 UTC'],
    ['{{ .Tags.missing }}|{{ index .Fields "missing" }}', '|'],
    ['{{ index .Tags "missing" }}', ''],
    ['{{ .Message | html }}', 'CRITICAL &lt;b&gt;alert&lt;/b&gt; &amp; more'],
    ['{{ $x := .Message }}{{ if $x }}set{{ end }}', 'set'],
    ['{{ 1e6 }}', '1e&#43;06'],
  ])('%s', (text, expected) => {
    expect(render(text, messageData(), html)).toBe(expected);
  });

  it('does not escape in text/template mode', () => {
    expect(render('{{ .Message }}', messageData())).toBe('CRITICAL <b>alert</b> & more');
  });
});
