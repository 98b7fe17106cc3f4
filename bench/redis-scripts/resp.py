# Raw RESP over a socket (no packages), and the Lua script of a C# const read out of its source file.
import os, socket, sys

def connect():
    # The benchmarks FLUSHALL: only ever against a Redis of one's own, e.g.
    # BOS_DATA_DIR=$PWD/.data/bench-redis BOS_REDIS_PORT=6390 scripts/services start redis
    port = os.environ.get('BENCH_REDIS_PORT')
    if not port or port == '6379':
        sys.exit('set BENCH_REDIS_PORT to a Redis of your own (not the shared 6379): the benchmark flushes it')
    return R(int(port))

class R:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port)); self.f = self.s.makefile('rb')
    def cmd(self, *args):
        out = [b'*%d\r\n' % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b'$%d\r\n' % len(a)); out.append(a); out.append(b'\r\n')
        self.s.sendall(b''.join(out))
        return self.read()
    def read(self):
        l = self.f.readline(); t = l[:1]; v = l[1:-2]
        if t == b'+': return v
        if t == b'-': raise Exception(v)
        if t == b':': return int(v)
        if t == b'$':
            n = int(v)
            if n < 0: return None
            d = self.f.read(n + 2); return d[:-2]
        if t == b'*':
            n = int(v)
            return None if n < 0 else [self.read() for _ in range(n)]

def script(path, name):
    """The script in a .lua file, or the C# raw string const `name` in a .cs file (indentation removed)."""
    src = open(path).read()
    if path.endswith('.lua'): return src
    s = src.split('private const string %s = """' % name)[1].split('"""')[0]
    return '\n'.join(l[8:] if l.startswith('        ') else l for l in s.split('\n'))
