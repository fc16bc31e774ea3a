// Turns Natural Earth 1:50m data (world-atlas TopoJSON) into a plain text file the Java tile
// renderer reads without a JSON library: one ring or line per row, "kind lon,lat lon,lat ...".
//   land    outer and inner rings of the land masses (filled even-odd)
//   border  country borders, each shared arc once (a mesh of neighbouring countries only,
//           so coastlines are not drawn twice)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature, mesh } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? `${here}/build/shapes.txt`;
const topology = JSON.parse(readFileSync(`${here}/node_modules/world-atlas/countries-50m.json`, 'utf8'));

const fmt = ([lon, lat]) => `${lon.toFixed(4)},${lat.toFixed(4)}`;
const rows = [];

const land = feature(topology, topology.objects.land);
for (const f of land.features ?? [land]) {
  const g = f.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) rows.push('land ' + ring.map(fmt).join(' '));
  }
}

const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
for (const line of borders.coordinates) rows.push('border ' + line.map(fmt).join(' '));

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, rows.join('\n') + '\n');
console.log(`wrote ${rows.length} shapes to ${out}`);
