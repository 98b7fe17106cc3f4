# BENCH_REDIS_PORT=6390 python3 bench/redis-scripts/enginepair.py N batch rounds script1 script2 ... (as pairbench.py, for EngineStore's WriteScript)
import sys, statistics
from resp import connect, script
N,batch,rounds=map(int,sys.argv[1:4]); files=sys.argv[4:]
r=connect(); r.cmd('FLUSHALL'); r.cmd('CONFIG','SET','slowlog-log-slower-than','0'); r.cmd('CONFIG','SET','slowlog-max-len','200000')
shas=[r.cmd('SCRIPT','LOAD',script(f,'WriteScript')).decode() for f in files]
st=lambda i,v: '{"s":2,"f":"fp-%d-abcdefabcdef","x":"power_on@2026-12-02T10:00:00Z","t":%d}'%(i,1700000000000+v)
ver=[None]*N
times={sha:[] for sha in shas}
def drain():
    for e in r.cmd('SLOWLOG','GET','-1'):
        if e[3][0].upper()==b'EVALSHA' and e[3][1].decode() in times: times[e[3][1].decode()].append(e[2])
    r.cmd('SLOWLOG','RESET')
r.cmd('SLOWLOG','RESET')
turn=0
for rd in range(rounds):
    for start in range(0,N,batch):
        ids=list(range(start,min(N,start+batch)))
        turn+=1
        order=list(range(len(files))); order=order[turn%len(order):]+order[:turn%len(order)]
        for s in order:
            P='s%d:'%s
            keys=[P+'orchestration:engine',P+'orchestration:due']+[P+'orchestration:pending:%d'%k for k in range(5)]
            args=[len(ids)]
            for i in ids:
                nv=(ver[i] or 0)+1
                args+=['x%d'%i, '' if ver[i] is None else st(i,ver[i]), st(i,nv), '' if nv%4==0 else 1700000000000+nv, nv%6, 'reason']
            res=r.cmd('EVALSHA',shas[s],len(keys),*keys,*args)
            assert res==[],res
        for i in ids: ver[i]=(ver[i] or 0)+1
        if turn%100==0: drain()
drain()
r.cmd('CONFIG','SET','slowlog-log-slower-than','10000')
for f,sha in zip(files,shas):
    t=sorted(x/batch for x in times[sha])
    print(f"{f:22s} engine N={N} batch={batch}: median {statistics.median(t):.2f} p25 {t[len(t)//4]:.2f} mean {sum(t)/len(t):.2f} us/record ({len(t)} calls)")
