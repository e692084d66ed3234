"""Pipeline stages: plain typed functions without I/O, one public function per module.

Per-article: extract, normalize, clean, metadata, language, sentences, entities, dates.
Corpus: dedup, cluster.  Per-story: canonical (entities), eventdate, headline, summary.
"""
