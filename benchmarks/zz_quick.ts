import { loadCommunes, loadDiplomas } from '/work/main/src/io/reference.js';
import { generateRound } from '/work/main/src/generate/round.js';
import { buildCandidates } from '/work/main/src/candidates/build.js';
import { PolicySchema } from '/work/main/src/schema/policy.js';
const communes = loadCommunes(), diplomas = loadDiplomas();
let t = performance.now();
const g = generateRound('national', 2024, { communes, diplomas });
console.log('gen', performance.now() - t, g.etablissements.length);
const policy = PolicySchema.parse(g.politique);
const round = { dir: '', etablissements: g.etablissements, mentores: g.mentores, mentors: g.mentors, contraintes: g.contraintes, politique: policy, files: [], rowOf: { mentores: [], mentors: [], etablissements: [] } };
for (let r = 0; r < 1; r++) {
  t = performance.now();
  const set = buildCandidates(round as any, { communes, diplomas, date: g.roundDate, policy });
  console.log('end', performance.now());console.log('cands', (performance.now() - t).toFixed(0), set.mentor.length, set.diagnostics.length, (process.resourceUsage().maxRSS / 1024).toFixed(0));
}
