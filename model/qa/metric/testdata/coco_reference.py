#!/usr/bin/env python2
# coco_reference.py writes coco.json: BLEU-1..4 and ROUGE-L of a few small corpora, as the
# coco-caption scorer itself computes them, for metric's tests to check the Go code against.
#
# It runs the unmodified scorer under Python 2.7 (the scorer is Python 2 code):
#   git clone https://github.com/tylin/coco-caption   (tested at 3a9afb2682141a03e1cdc02b0df6770d2c884f6f)
#   mkdir /tmp/coco && cp coco-caption/pycocoevalcap/bleu/{bleu,bleu_scorer}.py \
#     coco-caption/pycocoevalcap/rouge/rouge.py /tmp/coco/
#   python2 coco_reference.py /tmp/coco > coco.json
# rouge.py imports NumPy only for the final mean; without NumPy a stand-in that takes the plain
# mean is used. The cases are fixed, plus one corpus drawn with a seeded Python 2 random.Random.
import json, random, sys, types

sys.path.insert(0, sys.argv[1])
try:
    import numpy
except ImportError:
    np = types.ModuleType('numpy')
    np.array = list
    np.mean = lambda xs: sum(xs) / float(len(xs))
    sys.modules['numpy'] = np
from bleu import Bleu
from rouge import Rouge

def case(name, hyps, refs):
    gts = dict((i, refs[i]) for i in range(len(hyps)))
    res = dict((i, [hyps[i]]) for i in range(len(hyps)))
    real, sys.stdout = sys.stdout, sys.stderr  # Bleu prints its totals (verbose=1)
    bleu, _ = Bleu(4).compute_score(gts, res)
    sys.stdout = real
    out = {'name': name, 'hyps': hyps, 'refs': refs, 'bleu': bleu}
    if all(hyps):  # coco's ROUGE-L splits an empty string into one empty token
        rouge, each = Rouge().compute_score(gts, res)
        out['rouge_l'] = rouge
        out['rouge_l_each'] = list(each)
    return out

def random_corpus(seed, segments):
    rng = random.Random(seed)
    vocab = 'the a cat dog sat on mat is was what who did ? , \'s'.split()
    def sent(lo, hi):
        return ' '.join(rng.choice(vocab) for _ in range(rng.randint(lo, hi)))
    hyps, refs = [], []
    for _ in range(segments):
        hyps.append(sent(1, 12))
        refs.append([sent(1, 12) for _ in range(rng.randint(1, 4))])
    return hyps, refs

cases = [
    case('cat', ['the cat sat on the mat'], [['the cat is on the mat']]),
    case('clipped repeats', ['the the the the the the the'],
         [['the cat is on the mat', 'there is a cat on the mat']]),
    case('short hypothesis', ['the cat'], [['the cat is on the mat']]),
    case('long hypothesis', ['the cat sat on the mat today'], [['the cat sat on the mat']]),
    case('closest tie takes shorter', ['a b c d e'], [['a b c d', 'a b c d e f']]),
    case('closest of three', ['what did the cat sit on ?'],
         [['what is on the mat ?', 'where did the cat sit ?', 'on what did the cat sit in the story ?']]),
    case('shorter than n', ['what ?', 'who'], [['what is it ?'], ['who is that ?', 'who ?']]),
    case('empty hypothesis', ['', 'the cat sat'], [['the cat'], ['the cat sat']]),
    case('no match', ['x y z'], [['a b c']]),
    case('random', *random_corpus(13, 40)),
]
json.dump({'scorer': 'tylin/coco-caption pycocoevalcap bleu_scorer.py (option closest) and rouge.py, Python 2.7',
           'cases': cases}, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write('\n')
