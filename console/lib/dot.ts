// A reader for the graphviz `dot` a task shows (GET /tasks/<id>): `digraph id { ... }` with
// graph attributes, node statements with attributes (node statistics) and edges with
// attributes (`processed`). Enough of the language for what Kapacitor and this host write.

export interface DotNode {
  id: string;
  attrs: Record<string, string>;
}

export interface DotEdge {
  from: string;
  to: string;
  attrs: Record<string, string>;
}

export interface DotGraph {
  name: string;
  attrs: Record<string, string>;
  nodes: DotNode[];
  edges: DotEdge[];
}

type Token = { t: 'id' | 'str'; v: string } | { t: 'sym'; v: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) {
          const n = text[i + 1]!;
          // \r \l \n are graphviz line breaks inside labels.
          v += n === '"' || n === '\\' ? n : n === 'r' || n === 'l' || n === 'n' ? '\n' : `\\${n}`;
          i += 2;
        } else v += text[i++];
      }
      i++;
      out.push({ t: 'str', v });
    } else if (c === '-' && text[i + 1] === '>') {
      out.push({ t: 'sym', v: '->' });
      i += 2;
    } else if ('{}[];=,'.includes(c)) {
      out.push({ t: 'sym', v: c });
      i++;
    } else {
      const m = /^[^\s{}[\];=,"]+/.exec(text.slice(i))!;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export class DotSyntaxError extends Error {}

export function parseDot(text: string): DotGraph {
  const tokens = tokenize(text);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const next = (): Token => {
    const t = tokens[p++];
    if (!t) throw new DotSyntaxError('unexpected end of the graph');
    return t;
  };
  const expect = (v: string): void => {
    const t = next();
    if (t.t !== 'sym' || t.v !== v) throw new DotSyntaxError(`expected "${v}", got "${t.v}"`);
  };
  const isSym = (v: string): boolean => {
    const t = peek();
    return t?.t === 'sym' && t.v === v;
  };
  const attrs = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!isSym('[')) return out;
    next();
    while (!isSym(']')) {
      const key = next();
      if (key.t === 'sym') throw new DotSyntaxError(`unexpected "${key.v}" in attributes`);
      expect('=');
      out[key.v] = next().v;
      if (isSym(',') || isSym(';')) next();
    }
    next();
    return out;
  };

  const kind = next();
  if (kind.v !== 'digraph' && kind.v !== 'graph') throw new DotSyntaxError('not a graph');
  const name = isSym('{') ? '' : next().v;
  expect('{');
  const graph: DotGraph = { name, attrs: {}, nodes: [], edges: [] };
  const nodes = new Map<string, DotNode>();
  const node = (id: string): DotNode => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, attrs: {} };
      nodes.set(id, n);
      graph.nodes.push(n);
    }
    return n;
  };
  while (!isSym('}')) {
    if (isSym(';')) {
      next();
      continue;
    }
    const first = next();
    if (first.t === 'sym') throw new DotSyntaxError(`unexpected "${first.v}"`);
    if ((first.v === 'graph' || first.v === 'node' || first.v === 'edge') && isSym('[')) {
      const a = attrs();
      if (first.v === 'graph') Object.assign(graph.attrs, a);
      continue;
    }
    const chain = [first.v];
    while (isSym('->')) {
      next();
      chain.push(next().v);
    }
    const a = attrs();
    if (chain.length === 1) Object.assign(node(first.v).attrs, a);
    for (let i = 0; i + 1 < chain.length; i++) {
      node(chain[i]!);
      node(chain[i + 1]!);
      graph.edges.push({ from: chain[i]!, to: chain[i + 1]!, attrs: { ...a } });
    }
  }
  return graph;
}
