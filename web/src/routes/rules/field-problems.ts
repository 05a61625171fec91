// The server's refusal of a new rule, split by field so each message shows next to its input.
// Invalid input arrives as "field: message; field: message" (the API's error formatter); any
// other refusal (a rule the engine cannot parse) belongs to the rule text.
export type RuleField = 'rule' | 'effect' | 'scope' | 'project' | 'team';
const FIELDS: readonly RuleField[] = ['rule', 'effect', 'scope', 'project', 'team'];

export function fieldProblems(message: string): Partial<Record<RuleField, string>> {
  const problems: Partial<Record<RuleField, string>> = {};
  for (const part of message.split('; ')) {
    const match = /^(\w+): (.*)$/s.exec(part);
    const field = FIELDS.find((name) => name === match?.[1]);
    if (!field || !match) return { rule: message };
    problems[field] = problems[field] ? `${problems[field]}; ${match[2]}` : match[2];
  }
  return problems;
}
