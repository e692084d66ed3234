"""Hindi named-entity recognition: a CRF trained here on IL-NER, plus its features and data."""
