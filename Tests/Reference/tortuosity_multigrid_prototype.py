"""Prototype of the multigrid preconditioner of SIMSAnalysis' diffusion solver (SciPy), used to choose the cycle.

Not a test fixture: it prints CG iteration counts to a relative residual of 1e-8 for the tortuosity system (same
finite-volume convention as `tortuosity_reference.py`) with these preconditioners on random-sphere media and on a
lattice of solid cubes:
  V / W cycle (2x2x2 aggregation, Galerkin coarse operator, red-black Gauss-Seidel, over-correction alpha),
  K-cycle (Notay & Vassilevski 2008, with flexible CG), SSOR(1.5).
Usage: python3 tortuosity_multigrid_prototype.py [sizes...]     (default 32 64; 96 takes minutes)
Numbers recorded in docs/microstructure.md and docs/performance.md (session 3).
"""
import sys
import numpy as np, scipy.sparse as sp
from scipy.sparse.linalg import spsolve_triangular
from scipy.sparse.csgraph import connected_components
def spheres(n, seed):
    rng=np.random.default_rng(seed); lab=np.zeros((n,n,n),np.uint8)
    Z,Y,X=np.indices((n,n,n))+0.5
    while lab.mean()<0.45:
        c=rng.uniform(0,n,3); r=rng.uniform(2,4) if n<=64 else rng.uniform(4,8)
        lab[((X-c[0])**2+(Y-c[1])**2+(Z-c[2])**2)<=r*r]=1
    return lab
def system(lab):
    n=lab.shape[0]; cond=lab==1; ids=np.arange(lab.size).reshape(lab.shape)
    rows=[];cols=[]
    for a in range(3):
        lo=[slice(None)]*3; hi=[slice(None)]*3; lo[a]=slice(0,-1); hi[a]=slice(1,None)
        m=cond[tuple(lo)]&cond[tuple(hi)]; rows.append(ids[tuple(lo)][m]); cols.append(ids[tuple(hi)][m])
    r=np.concatenate(rows);c=np.concatenate(cols)
    G=sp.coo_matrix((np.ones(len(r)),(r,c)),shape=(lab.size,lab.size)).tocsr(); G=G+G.T
    _,comp=connected_components(G,directed=False)
    z=np.indices(lab.shape)[0].ravel(); flat=cond.ravel()
    inl=flat&(z==0); out=flat&(z==n-1)
    keep=np.intersect1d(np.unique(comp[inl]),np.unique(comp[out]))
    act=flat&np.isin(comp,keep); idx=np.flatnonzero(act)
    A=G[idx][:,idx]; bi=inl[idx]*2.0; bo=out[idx]*2.0
    M=(sp.diags(np.asarray(A.sum(axis=1)).ravel()+bi+bo)-A).tocsr()
    coords=np.array(np.unravel_index(idx,lab.shape)).T  # z,y,x
    return M,bi,coords
class Level: pass
def hierarchy(A,coords,shape,coarsest=1024):
    levels=[]
    while True:
        L=Level(); L.A=A; L.coords=coords
        col=coords.sum(1)&1; L.red=np.flatnonzero(col==0); L.black=np.flatnonzero(col==1)
        L.d=A.diagonal()
        levels.append(L)
        if A.shape[0]<=coarsest: L.dense=np.linalg.cholesky(A.toarray()); break
        cc=coords//2; shape=tuple((s+1)//2 for s in shape)
        key=np.ravel_multi_index(cc.T,shape); uk,agg=np.unique(key,return_inverse=True)
        P=sp.csr_matrix((np.ones(len(agg)),(np.arange(len(agg)),agg)),shape=(len(agg),len(uk)))
        L.P=P; A=(P.T@A@P).tocsr(); coords=np.array(np.unravel_index(uk,shape)).T
    return levels
def rb(L,b,x,colour,zero=False):
    idx=L.red if colour==0 else L.black
    if zero: x[idx]=b[idx]/L.d[idx]
    else:
        Ax=L.A[idx]@x; x[idx]=(b[idx]-(Ax-L.d[idx]*x[idx]))/L.d[idx]
def vcycle(levels,i,b,nu,alpha,cyc='V'):
    L=levels[i]
    if hasattr(L,'dense'):
        y=np.linalg.solve(L.dense,b); return np.linalg.solve(L.dense.T,y)
    x=np.zeros_like(b)
    for s in range(nu): rb(L,b,x,0,zero=(s==0)); rb(L,b,x,1)
    rc=L.P.T@(b-L.A@x)
    if cyc=='V': ec=vcycle(levels,i+1,rc,nu,alpha,cyc)
    elif cyc=='W':
        ec=vcycle(levels,i+1,rc,nu,alpha,cyc)
        if not hasattr(levels[i+1],'dense'):
            Ac=levels[i+1].A; ec=ec+vcycle(levels,i+1,rc-Ac@ec,nu,alpha,cyc)
    x+=alpha*(L.P@ec)
    for s in range(nu): rb(L,b,x,1); rb(L,b,x,0)
    return x
def pcg(A,b,M,tol=1e-8,maxit=2000):
    x=np.zeros_like(b); r=b-A@x; z=M(r); p=z.copy(); rz=r@z; nb=np.linalg.norm(b)
    for it in range(1,maxit+1):
        q=A@p; a=rz/(p@q); x+=a*p; r-=a*q
        if np.linalg.norm(r)/nb<=tol: return x,it
        z=M(r); rzn=r@z; p=z+rzn/rz*p; rz=rzn
    return x,maxit
def smooth_cycle(levels,i,b,x,nu,alpha,gamma,fromzero=True):
    L=levels[i]
    for s in range(nu): rb(L,b,x,0,zero=(s==0 and fromzero)); rb(L,b,x,1)
    rc=L.P.T@(b-L.A@x)
    C=levels[i+1]
    if hasattr(C,'dense'):
        ec=np.linalg.solve(C.dense.T,np.linalg.solve(C.dense,rc))
    else:
        ec=np.zeros_like(rc)
        for g in range(gamma): smooth_cycle(levels,i+1,rc,ec,nu,alpha,gamma,fromzero=(g==0))
    x+=alpha*(L.P@ec)
    for s in range(nu): rb(L,b,x,1); rb(L,b,x,0)
def kcyc(levels,i,b,nu):
    L=levels[i]
    if hasattr(L,'dense'): return np.linalg.solve(L.dense.T,np.linalg.solve(L.dense,b))
    x=np.zeros_like(b)
    for s in range(nu): rb(L,b,x,0,zero=(s==0)); rb(L,b,x,1)
    rc=L.P.T@(b-L.A@x); C=levels[i+1]; Ac=C.A
    if hasattr(C,'dense'): ec=kcyc(levels,i+1,rc,nu)
    else:
        c1=kcyc(levels,i+1,rc,nu); v1=Ac@c1; rho1=c1@v1; a1=c1@rc
        r2=rc-a1/rho1*v1
        c2=kcyc(levels,i+1,r2,nu); v2=Ac@c2; g=c2@v1; be=c2@v2; a2=c2@r2
        rho2=be-g*g/rho1
        ec=(a1/rho1-g*a2/(rho1*rho2))*c1+a2/rho2*c2
    x+=L.P@ec
    for s in range(nu): rb(L,b,x,1); rb(L,b,x,0)
    return x
def fcg(A,b,M,tol=1e-8,maxit=2000):
    x=np.zeros_like(b); r=b.copy(); nb=np.linalg.norm(b); p=None
    for it in range(1,maxit+1):
        z=M(r)
        if p is None: p=z.copy()
        else: p=z-(z@q)/(p@q)*p
        q=A@p; a=(p@r)/(p@q); x+=a*p; r-=a*q
        if np.linalg.norm(r)/nb<=tol: return x,it
    return x,maxit
def ssorM(A,omega=1.5):
    D=sp.diags(A.diagonal()); L=sp.tril(A,-1); U=sp.triu(A,1)
    Lw=(D/omega+L).tocsr(); Uw=(D/omega+U).tocsr(); Dw=A.diagonal()/omega
    def M(r):
        y=spsolve_triangular(Lw,r,lower=True); return (2-omega)/omega*spsolve_triangular(Uw,Dw*y,lower=False)
    return M
def lattice(n, period=6, edge=3):
    Z, Y, X = np.indices((n, n, n))
    solid = (X % period < edge) & (Y % period < edge) & ((Z + 3) % period < edge)
    return (~solid).astype(np.uint8)

if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [32, 64]
    for kind in ["lattice", "spheres"]:
        for n in sizes:
            lab = lattice(n) if kind == "lattice" else spheres(n, 3)
            A, b, coords = system(lab)
            levels = hierarchy(A, coords, lab.shape)
            row = [kind, n, "unknowns", A.shape[0]]
            for name, gamma, alpha in [("V1.8", 1, 1.8), ("W1.0", 2, 1.0), ("W1.8", 2, 1.8)]:
                def M(r, gamma=gamma, alpha=alpha):
                    x = np.zeros_like(r); smooth_cycle(levels, 0, r, x, 1, alpha, gamma); return x
                row += [name, pcg(A, b, M)[1]]
            row += ["K", fcg(A, b, lambda r: kcyc(levels, 0, r, 1))[1]]
            row += ["SSOR1.5", pcg(A, b, ssorM(A))[1]]
            print(*row, flush=True)
