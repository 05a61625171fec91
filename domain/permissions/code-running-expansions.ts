// Expansions that run code hidden in a variable's value. Bash evaluates array subscripts in
// arithmetic (`$((x))` with x='a[$(cmd)]'), in `[[ … -eq … ]]`, in `${a[$i]}` and `${x:$n}`, and
// prompt-expands `${x@P}`, all running any `$(…)` they find. Such a command cannot be judged from
// its text, so it waits for a person (shell-analysis.ts refuses to read it).
import type { SyntaxNode, TestExpression, Word } from 'unbash';

const INTEGER = /^-?\d+$/;
/** `[[ … ]]` and `test` operators that compare as arithmetic, evaluating both sides. */
export const ARITHMETIC_TEST: ReadonlySet<string> = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** Arithmetic with any name in it (a variable, a subscript) may run what the variable holds. */
function arithmeticProblem(text: string): string | null {
  const withoutNumbers = text.replace(/\b0[xX][0-9a-fA-F]+\b|\b\d+#[0-9a-zA-Z@_]+\b/g, '0');
  return /[A-Za-z_$`]/.test(withoutNumbers) ? `arithmetic on variables (${text.trim()}) can run code hidden in their values` : null;
}

function isFixedInteger(word: Word): boolean {
  return (word.parts === undefined || word.parts.every((part) => part.type === 'Literal')) && INTEGER.test(word.value);
}

function testProblem(expression: TestExpression): string | null {
  switch (expression.type) {
    case 'TestUnary':
      return expression.operator === '-v' || expression.operator === '-R' ? `[[ ${expression.operator} ]] evaluates a subscript, which can run code` : null;
    case 'TestBinary':
      if (!ARITHMETIC_TEST.has(expression.operator)) return null;
      return isFixedInteger(expression.left) && isFixedInteger(expression.right) ? null : `[[ … ${expression.operator} … ]] compares arithmetically, which runs code hidden in its operands`;
    case 'TestLogical':
      return expression.operands.map(testProblem).find((problem) => problem !== null) ?? null;
    case 'TestNot':
      return testProblem(expression.operand);
    case 'TestGroup':
      return testProblem(expression.expression);
  }
}

/** Why `node` runs code hidden in a value, or null. */
export function codeRunningExpansion(node: SyntaxNode, source: string): string | null {
  switch (node.type) {
    case 'ParameterExpansion': {
      const operation = node.operation;
      if (operation?.type === 'Transform' && /[PE]/.test(operation.operand.value)) return `${node.text}: a prompt or escape expansion of a value, which can run commands`;
      if (node.prefix === '!' && operation?.type !== 'Names') return `${node.text}: an indirect expansion, which evaluates what the variable names`;
      if (node.index !== undefined && !/^(\d+|@|\*)$/.test(node.index.text)) return `${node.text}: a subscript that is evaluated as arithmetic`;
      if (operation?.type === 'Slice' && !(isFixedInteger(operation.offset) && (operation.length === undefined || isFixedInteger(operation.length)))) {
        return `${node.text}: a slice whose bounds are evaluated as arithmetic`;
      }
      return null;
    }
    case 'ArithmeticExpansion':
      return arithmeticProblem(node.text.slice(3, -2));
    case 'ArithmeticCommand':
      return arithmeticProblem(node.body);
    case 'ArithmeticFor':
      return arithmeticProblem(source.slice(node.pos, node.end).replace(/\bdo\b[\s\S]*$/, '').replace(/^for\s*\(\(/, ''));
    case 'TestCommand':
      return testProblem(node.expression);
    default:
      return null;
  }
}
