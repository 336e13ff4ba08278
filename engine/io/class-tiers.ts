import { validateTiers, type Tier } from '../coverage/tiers.ts';
import { readInputText } from './files.ts';
import { InputError, throwProblems } from './input-error.ts';
import { parseJsonText } from './json-text.ts';

/** Read a class-tiers JSON file ({"class": [{"targetS": 60, "units": 1}, ...]}); every bad field is named. */
export function readClassTiers(file: string): Record<string, Tier[]> {
  const parsed = parseJsonText(readInputText(file, 'class-tiers file'), file);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InputError(`${file}: expected an object {"class": [{"targetS":60,"units":1}, ...]}`);
  const problems: string[] = [];
  for (const [name, list] of Object.entries(parsed)) {
    if (!Array.isArray(list)) { problems.push(`${file}: ${name}: expected a list of tiers`); continue; }
    problems.push(...validateTiers(list as Tier[], name).map((p) => `${file}: ${p}`));
  }
  throwProblems(problems);
  return parsed as Record<string, Tier[]>;
}
