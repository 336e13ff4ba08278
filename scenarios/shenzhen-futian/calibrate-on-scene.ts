/**
 * How the Futian scenario's on-scene times were calibrated from the Detroit 911 data:
 * keep recorded on-scene times in (0, 240] minutes (zeros are officer-initiated or unrecorded, longer
 * ones are data errors), then match a lognormal's mean and standard deviation to the sample's.
 *
 *   npx tsx scenarios/shenzhen-futian/calibrate-on-scene.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, requireColumn } from '../../engine/io/csv.ts';

const file = join(import.meta.dirname, '../data/detroit-911-response-times/911_Calls_for_Service_(Last_30_Days).csv');
const table = parseCsv(readFileSync(file, 'utf8'), file);
const col = requireColumn(table, ['time_on_scene'], file);
const minutes = table.rows.map((r) => r.values[col]).filter((v) => v !== '').map(Number);
const kept = minutes.filter((m) => m > 0 && m <= 240);
const mean = kept.reduce((s, m) => s + m, 0) / kept.length;
const sd = Math.sqrt(kept.reduce((s, m) => s + (m - mean) ** 2, 0) / (kept.length - 1));
const sorted = [...kept].sort((a, b) => a - b);
console.log(`rows with an on-scene time: ${minutes.length}; kept (0, 240] min: ${kept.length}`);
console.log(`mean ${mean.toFixed(2)} min, sd ${sd.toFixed(2)} min, median ${sorted[Math.floor(sorted.length / 2)]} min`);
console.log(`scenario onScene: {"kind":"lognormal","meanS":${Math.round(mean * 60)},"sdS":${Math.round(sd * 60)}}`);
