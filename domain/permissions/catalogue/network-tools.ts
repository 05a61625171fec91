// HTTP to this machine's loopback: an agent checking its own dev server (`curl -s
// localhost:3000/health`) is a learnable shape. Only reads (GET, HEAD), of one URL, which the rule
// names itself (loopback also serves orc's Temporal UI and perhaps a Docker API): an "always"
// teaches `Bash(curl -s http://localhost:3000/health *)`. No option that uploads, writes a file
// (-o: a file such as package.json would then run), reads a config or cookie file, adds a URL
// (--url), or sends the request somewhere else (--resolve, --connect-to, --proxy, --unix-socket,
// -L following a redirect off the machine).
import { type ProgramGrammar, flags, program, valued } from './grammar.ts';

const READ_METHODS = (value: string): string | null => (/^(GET|HEAD|OPTIONS)$/i.test(value) ? null : `${value}: only GET, HEAD and OPTIONS are known to be harmless`);

export const NETWORK_TOOLS: Readonly<Record<string, ProgramGrammar>> = {
  curl: program({
    ...flags('-s', '-S', '-f', '-i', '-I', '-v', '-k', '-g', '--silent', '--show-error', '--fail', '--fail-with-body', '--include', '--head', '--verbose',
      '--compressed', '--insecure', '--globoff', '--no-progress-meter', '-N', '--no-buffer', '-4', '-6', '--ipv4', '--ipv6', '--http1.1', '--http2', '-#', '--progress-bar'),
    ...valued('text', '-H', '--header', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '-A', '--user-agent', '--retry', '--retry-delay', '-e', '--referer', '--range', '-r'),
    ...valued('text', '-X', '--request'),
  }, 'loopback-url', {
    keepOperands: 1, keptOperandsLiteral: true, checkValue: { '-X': READ_METHODS, '--request': READ_METHODS },
    checkOperand: (_value, index) => (index >= 1 ? 'a second URL: the rule names one' : null),
  }),
};
