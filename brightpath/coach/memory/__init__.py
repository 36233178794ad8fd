"""Coach's memory engine: pure Python, no Django, so it is tested and benchmarked alone.

- `extraction`: facts worth keeping from one exchange (teacher message + reply);
- `consolidation`: a new fact updates the memory it contradicts, merges into
  its near-duplicate, or is added;
- `retrieval`: recency + importance + relevance (Park et al. 2023), relevance
  from BM25 (bm25s) or from embeddings when an `embed(texts)` callable is given;
- `decay`: importance fades from the last time a fact was stated;
- `store`: an in-memory teacher memory (the benchmark's and the tests' stand-in
  for the database), using the same functions the Django services use;
- `evaluation`: recall@k on the shipped scenarios (data/scenarios.json: a dev
  split the weights were chosen on, a held-out split never tuned on).
"""
