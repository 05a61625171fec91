// Prints what the adversarial suite finds with the engine as it is: the counts, every hostile
// request allowed (by category, with the rule that allowed it) and every safe request denied.
// Run: npx tsx tests/security/report.ts
import { CATEGORIES } from './hostile-requests.ts';
import { learnedRules } from './learned-rules.ts';
import { allowedHostileReport, count, describeDecider, describeRequest, hostileResults, safeResults } from './replay.ts';

const hostile = hostileResults();
const safe = safeResults();
const h = count(hostile);
const s = count(safe);
const lines = [
  `# Adversarial corpus against the permission engine`,
  `${learnedRules.length} learned rules`,
  `hostile ${hostile.length}: allowed ${h.allow}, denied ${h.deny}, held ${h.undecided}`,
  `safe ${safe.length}: allowed ${s.allow}, held ${s.undecided}, denied ${s.deny}`,
  '',
  '# Hostile requests allowed',
  '',
  allowedHostileReport(hostile, CATEGORIES),
  '# Safe requests denied',
  '',
  ...safe.filter((result) => result.decision.decision === 'deny').map(({ entry, decision }) => `- [${entry.category}] ${describeRequest(entry.request)}\n    denied by: ${describeDecider(decision)}`),
  '',
];
process.stdout.write(lines.join('\n'));
