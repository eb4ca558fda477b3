/**
 * JSON Canonicalization Scheme (RFC 8785). Pure: runs in Node and in the browser.
 *
 * Records are anchored by the hash of their canonical form, so the same public content always yields
 * the same bytes whatever key order or number spelling the producer used.
 */
export class CanonicalizationError extends Error {}

export function canonicalize(value: unknown): string {
  return serialize(value, '$');
}

function serialize(value: unknown, where: string): string {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON: () => unknown }).toJSON(), where);
  }
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      // RFC 8785 §3.2.2.2: JSON.stringify's escaping is exactly the JCS string form.
      return JSON.stringify(value);
    case 'number':
      // RFC 8785 §3.2.2.3: the ECMAScript Number-to-String algorithm; NaN/Infinity are not JSON.
      if (!Number.isFinite(value)) throw new CanonicalizationError(`${where}: 非有限数值不能规范化`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => (v === undefined || typeof v === 'function' ? 'null' : serialize(v, `${where}[${i}]`))).join(',')}]`;
      }
      const obj = value as Record<string, unknown>;
      // RFC 8785 §3.2.3: members sorted by their names as UTF-16 code-unit arrays (the default sort order).
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${serialize(obj[k], `${where}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalizationError(`${where}: 类型 ${typeof value} 不是 JSON 数据`);
  }
}
