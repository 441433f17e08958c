"""Link: stored documents in, copy edges, findings and provenance chains out.

- :mod:`~provenance.link.candidates`: which stored documents share band or passage keys;
- :mod:`~provenance.link.match`: match new documents and store their copy edges;
- :mod:`~provenance.link.verify`: is one candidate a copy (estimate, then the texts);
- :mod:`~provenance.link.boilerplate`: a site's repeated blocks, left out between its pages;
- :mod:`~provenance.link.config`: the thresholds (:class:`MatchConfig`);
- :mod:`~provenance.link.choice`: which matches become edges (the source and two
  alternates), so a story carried by K sites makes O(K) edges;
- :mod:`~provenance.link.direction`: which of two linked documents is the copy;
- :mod:`~provenance.link.findings`: what is wrong with a document's credits;
- :mod:`~provenance.link.chain`: the chain from a document back to its origin;
- :mod:`~provenance.link.clusters`: story clusters, the documents edges join.
"""
