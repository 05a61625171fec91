// The one error the rule syntax raises: what is wrong, with a rule that would have been valid.

export class RuleSyntaxError extends Error {
  override readonly name = 'RuleSyntaxError';
  readonly rule: string;
  readonly example: string;

  constructor(rule: string, problem: string, example: string) {
    super(`Invalid permission rule ${JSON.stringify(rule)}: ${problem}. A valid example: ${example}`);
    this.rule = rule;
    this.example = example;
  }
}
