// A small, safe parser for user-typed f(x, y): numbers, x, y, pi, e, + − * / ^ (right-assoc.),
// unary minus, parentheses and sin cos tan exp log sqrt abs tanh cosh sinh atan. It compiles to
// nested closures (no eval / new Function, so it works under a strict Content-Security-Policy).

export type Compiled = (x: number, y: number) => number;

const FUNCS: Record<string, (v: number) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, log: Math.log, sqrt: Math.sqrt,
  abs: Math.abs, tanh: Math.tanh, cosh: Math.cosh, sinh: Math.sinh, atan: Math.atan,
};

export class ExprError extends Error {}

export function compile(src: string): Compiled {
  if (src.length > 500) throw new ExprError('expression longer than 500 characters');
  const tokens = src.match(/\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|[a-z]+|\*\*|[-+*/^(),]|\S/gi) ?? [];
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const expect = (t: string): void => {
    if (tokens[i] !== t) throw new ExprError(`expected "${t}" at token ${i + 1}, got "${tokens[i] ?? 'end'}"`);
    i++;
  };

  // sum := product (('+'|'-') product)*
  function sum(): Compiled {
    let left = product();
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      i++;
      const a = left, b = product();
      left = op === '+' ? (x, y) => a(x, y) + b(x, y) : (x, y) => a(x, y) - b(x, y);
    }
    return left;
  }
  // product := unary (('*'|'/') unary)*
  function product(): Compiled {
    let left = unary();
    for (let op = peek(); op === '*' || op === '/'; op = peek()) {
      i++;
      const a = left, b = unary();
      left = op === '*' ? (x, y) => a(x, y) * b(x, y) : (x, y) => a(x, y) / b(x, y);
    }
    return left;
  }
  // unary := '-' unary | power   (so -x^2 = -(x^2))
  function unary(): Compiled {
    if (peek() === '-') {
      i++;
      const a = unary();
      return (x, y) => -a(x, y);
    }
    if (peek() === '+') i++;
    return power();
  }
  // power := atom ('^' unary)?
  function power(): Compiled {
    const base = atom();
    if (peek() === '^' || peek() === '**') {
      i++;
      const exp = unary();
      return (x, y) => base(x, y) ** exp(x, y);
    }
    return base;
  }
  function atom(): Compiled {
    const t = tokens[i++];
    if (t === undefined) throw new ExprError('unexpected end of expression');
    if (/^[\d.]/.test(t)) {
      const v = Number(t);
      if (!Number.isFinite(v)) throw new ExprError(`bad number "${t}"`);
      return () => v;
    }
    if (t === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    const name = t.toLowerCase();
    if (name === 'x') return (x) => x;
    if (name === 'y') return (_x, y) => y;
    if (name === 'pi') return () => Math.PI;
    if (name === 'e') return () => Math.E;
    const fn = FUNCS[name];
    if (fn) {
      expect('(');
      const arg = sum();
      expect(')');
      return (x, y) => fn(arg(x, y));
    }
    throw new ExprError(`unknown name "${t}" (use x, y, pi, e, ${Object.keys(FUNCS).join(', ')})`);
  }

  if (tokens.length === 0) throw new ExprError('empty expression');
  const f = sum();
  if (i < tokens.length) throw new ExprError(`unexpected "${tokens[i]}" at token ${i + 1}`);
  return f;
}
