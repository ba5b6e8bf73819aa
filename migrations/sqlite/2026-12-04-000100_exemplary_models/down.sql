DROP TABLE nomination_models;
DROP TABLE model_replications;
DROP TABLE exemplary_model_documents;
DROP TABLE exemplary_models;
