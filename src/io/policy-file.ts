/**
 * `politique.json` → a validated `Policy`, or issues: a JSON syntax error with its line, and each
 * zod issue with its JSON path as the column (`poids.metier`), translated to French.
 */
import type { z } from 'zod';
import { PolicySchema, type Policy } from '../schema/policy.js';
import type { RoundIssue } from '../schema/issues.js';
import type { InputFile } from '../schema/round.js';
import { decodeSpreadsheetBytes } from './decode.js';
import { issue } from './table-file.js';

export const POLICY_FILE = 'politique.json';

/** Parses the bytes of politique.json; issues are appended, the policy is null when invalid. */
export function parsePolicyBytes(bytes: Uint8Array, issues: RoundIssue[]): { policy: Policy | null; input: InputFile } {
  const decoded = decodeSpreadsheetBytes(bytes);
  const input: InputFile = { name: POLICY_FILE, sha256: decoded.sha256, rows: 0, encoding: decoded.encoding, kind: 'json' };
  let data: unknown;
  try {
    data = decoded.text.trim() === '' ? {} : JSON.parse(decoded.text);
  } catch (err) {
    const pos = /position (\d+)/.exec(String((err as Error).message));
    const line = pos ? decoded.text.slice(0, Number(pos[1])).split('\n').length : undefined;
    const where = line !== undefined ? ` (vers la ligne ${line})` : '';
    issues.push(
      issue('policy_invalid', POLICY_FILE, `Le fichier n'est pas du JSON valide${where} : vérifiez les virgules, guillemets droits (") et accolades.`, 'un objet JSON', { row: line }),
    );
    return { policy: null, input };
  }
  const parsed = PolicySchema.safeParse(data);
  if (parsed.success) return { policy: parsed.data, input };
  for (const zi of parsed.error.issues) issues.push(policyIssue(zi));
  return { policy: null, input };
}

/** One zod issue of the policy as a RoundIssue (its `input` is not echoed: policies hold no personal data, but values can be long). */
function policyIssue(zi: z.core.$ZodIssue): RoundIssue {
  const column = zi.path.map(String).join('.') || '(racine)';
  let expected: string;
  switch (zi.code) {
    case 'invalid_type':
      expected = TYPE_FR[zi.expected] ?? zi.expected;
      break;
    case 'too_small':
      expected = `une valeur ${zi.inclusive === false ? '>' : '≥'} ${String(zi.minimum)}${zi.origin === 'array' ? ' éléments' : ''}`;
      break;
    case 'too_big':
      expected = `une valeur ${zi.inclusive === false ? '<' : '≤'} ${String(zi.maximum)}${zi.origin === 'array' ? ' éléments' : ''}`;
      break;
    case 'invalid_value':
      expected = `une des valeurs ${zi.values.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'unrecognized_keys':
      return issue(
        'policy_invalid',
        POLICY_FILE,
        `Clé(s) inconnue(s) ${zi.keys.map((k) => `« ${k} »`).join(', ')} : supprimez-les ou corrigez leur orthographe (voir la documentation de politique.json).`,
        'uniquement des clés documentées',
        { column },
      );
    default:
      expected = 'une valeur conforme à la documentation de politique.json';
  }
  return issue('policy_invalid', POLICY_FILE, `Valeur invalide pour « ${column} » : attendu ${expected}. Corrigez le fichier.`, expected, { column });
}

const TYPE_FR: Record<string, string> = {
  number: 'un nombre',
  int: 'un entier',
  string: 'un texte entre guillemets',
  boolean: 'true ou false',
  object: 'un objet { … }',
  array: 'une liste [ … ]',
};
