import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (m=19 MiB, t=2, p=1).
const OPTS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (plain: string): Promise<string> => hash(plain, OPTS);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A dummy hash to verify against when the user does not exist, so timing does not reveal accounts. */
let dummy: string | null = null;
export async function dummyVerify(plain: string): Promise<void> {
  dummy ??= await hashPassword('fazhi-dummy-password-Aa1!');
  await verifyPassword(dummy, plain);
}

/**
 * Password policy: at least 10 characters, three of four character classes, not containing the username.
 * Returns the Chinese reasons it fails (empty when acceptable).
 */
export function passwordProblems(plain: string, username?: string): string[] {
  const problems: string[] = [];
  if (plain.length < 10) problems.push('长度至少 10 位');
  if (plain.length > 128) problems.push('长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(plain)).length;
  if (classes < 3) problems.push('须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && username.length >= 3 && plain.toLowerCase().includes(username.toLowerCase()))
    problems.push('不能包含用户名');
  return problems;
}

/** A generated initial password that satisfies the policy; the user must change it at first login. */
export function generateInitialPassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#%*-+='];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]);
  while (chars.length < 14) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
