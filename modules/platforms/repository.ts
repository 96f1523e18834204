/** This repository, where the Deploy buttons and templates point (package.json `repository`; a test keeps them equal). */
export const PROJECT_REPOSITORY_URL = "https://github.com/mathesar-foundation/mathesar-deploy";

/** `owner/name` of {@link PROJECT_REPOSITORY_URL}. */
export const PROJECT_REPOSITORY = PROJECT_REPOSITORY_URL.replace("https://github.com/", "");
