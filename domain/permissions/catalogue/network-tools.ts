// HTTP to this machine's loopback: an agent checking its own dev server (`curl -s
// localhost:3000/health`) is a learnable shape. Only reads (GET, HEAD), to loopback hosts, with no
// option that uploads, reads a config or cookie file, or sends the request somewhere else
// (--resolve, --connect-to, --proxy, --unix-socket, -L following a redirect off the machine).
import { type ProgramGrammar, flags, program, valued } from './grammar.ts';

const READ_METHODS = (value: string): string | null => (/^(GET|HEAD|OPTIONS)$/i.test(value) ? null : `${value}: only GET, HEAD and OPTIONS are known to be harmless`);

export const NETWORK_TOOLS: Readonly<Record<string, ProgramGrammar>> = {
  curl: program({
    ...flags('-s', '-S', '-f', '-i', '-I', '-v', '-k', '-g', '--silent', '--show-error', '--fail', '--fail-with-body', '--include', '--head', '--verbose',
      '--compressed', '--insecure', '--globoff', '--no-progress-meter', '-N', '--no-buffer', '-4', '-6', '--ipv4', '--ipv6', '--http1.1', '--http2', '-#', '--progress-bar'),
    ...valued('text', '-H', '--header', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '-A', '--user-agent', '--retry', '--retry-delay', '-e', '--referer', '--range', '-r'),
    ...valued('loopback-url', '--url'),
    ...valued('write-path', '-o', '--output'),
    ...valued('text', '-X', '--request'),
  }, 'loopback-url', { checkValue: { '-X': READ_METHODS, '--request': READ_METHODS } }),
};
