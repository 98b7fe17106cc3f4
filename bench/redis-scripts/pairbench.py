# BENCH_REDIS_PORT=6390 python3 bench/redis-scripts/pairbench.py N batch hist prefill rounds script1 script2 ...
# (a script: a .lua file, or a .cs file holding CompareAndSetScript, e.g. core/Components/ComponentCompareAndSet.cs
# and the same file from an older commit: git show REV:path > old.cs)
# Runs the scripts on the same workload, each on its own keys, batch by batch in turn, so all see the same load; the
# time of each EVALSHA inside Redis comes from the slow log (slowlog-log-slower-than 0). Prints per script the median
# and the 25th percentile of µs per record and their mean (a sample of the calls, as the slow log reports them).
import sys, statistics
from resp import connect, script
N,batch,hist,prefill,rounds=map(int,sys.argv[1:6]); files=sys.argv[6:]
r=connect(); r.cmd('FLUSHALL'); r.cmd('CONFIG','SET','slowlog-log-slower-than','0'); r.cmd('CONFIG','SET','slowlog-max-len','200000')
KEEP=20
entry='{"time":"2026","kind":"phase_changed","details":{"from":"a","to":"b"}}'
rec=lambda i,v: ('{"id":"x%d","v":%d,"pad":"%s"}'%(i,v,'p'*1200))
shas=[r.cmd('SCRIPT','LOAD',script(f,'CompareAndSetScript')).decode() for f in files]
for s in range(len(files)):
    P='s%d:'%s
    for a in range(0,N,1000):
        ids=range(a,min(N,a+1000))
        r.cmd('MSET',*[x for i in ids for x in (P+'component:x%d'%i, rec(i,0))])
        if prefill:
            for i in ids: r.cmd('RPUSH',P+'hist:x%d'%i,*([entry]*KEEP))
ver=[0]*N
times={sha:[] for sha in shas}
def drain():
    for e in r.cmd('SLOWLOG','GET','-1'):
        dur,argv=e[2],e[3]
        if argv[0].upper()==b'EVALSHA' and argv[1].decode() in times: times[argv[1].decode()].append(dur)
    r.cmd('SLOWLOG','RESET')
r.cmd('SLOWLOG','RESET')
turn=0
for rd in range(rounds):
    for start in range(0,N,batch):
        ids=list(range(start,min(N,start+batch)))
        n=len(ids)
        order=list(range(len(files))); turn+=1
        order=order[turn%len(order):]+order[:turn%len(order)]
        for s in order:
            P='s%d:'%s
            keys=[P+'component:x%d'%i for i in ids]+[P+'index',P+'outbox',P+'states',P+'counts']+[P+'hist:x%d'%i for i in ids]
            args=[n]+[rec(i,ver[i]) for i in ids]+[rec(i,ver[i]+1) for i in ids]+['x%d'%i for i in ids]+['{"event":"%s"}'%('e'*1800) for i in ids]+['st%d'%(rd%3) for i in ids]
            args+=[0, KEEP, 86400000]
            for i in ids: args+= [1,entry] if hist else [0]
            res=r.cmd('EVALSHA',shas[s],len(keys),*keys,*args)
            assert res==1,(files[s],res)
        for i in ids: ver[i]+=1
        if turn%200==0: drain()
    for s in range(len(files)): r.cmd('DEL','s%d:outbox'%s)
drain()
r.cmd('CONFIG','SET','slowlog-log-slower-than','10000')
for f,sha in zip(files,shas):
    t=sorted(x/batch for x in times[sha])
    print(f"{f:22s} N={N} batch={batch} hist={hist} prefill={prefill}: median {statistics.median(t):.1f} p25 {t[len(t)//4]:.1f} mean {sum(t)/len(t):.1f} us/record ({len(t)} calls)")
