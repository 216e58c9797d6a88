"""List the 14-character runs that the corpus shares with ../shared, sentence by sentence (joined paragraphs included)."""
import pathlib, sys
sys.path.insert(0,'.')
from govtext.corpusfmt import read_annotated
K=14
seen=set()
sh=pathlib.Path('../shared')
for p in list((sh/'reference').glob('*.txt'))+list((sh/'data').rglob('*.txt')):
    t=p.read_text(encoding='utf-8',errors='ignore')
    for i in range(len(t)-K): seen.add(hash(t[i:i+K]))
for f in sorted(pathlib.Path('corpora/reports').glob('*.txt')):
    rep=read_annotated(f)
    for para in rep.paragraphs:
        text="".join(s.text for s in para)
        offs=[];pos=0
        for s in para: offs.append((pos,pos+len(s.text),s)); pos+=len(s.text)
        for i in range(len(text)-K):
            run=text[i:i+K]
            if hash(run) in seen and sum('\u4e00'<=c<='\u9fff' for c in run)>=10:
                hit=[s for a,b,s in offs if a<i+K and i<b]
                print(f.name, repr(run), '|', ' || '.join(h.text[:40] for h in hit))
                break
