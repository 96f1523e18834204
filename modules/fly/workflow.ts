/**
 * `.github/workflows/fly-deploy.yml`: deploys from CI on a manual dispatch or a `fly-v*` tag, never on a
 * push to a branch. A rollback is the same workflow with the `image` input set to an earlier release's
 * image (`fly releases --image` lists them): Fly Machines have no separate rollback command, a deploy of
 * the old image is the rollback. flyctl's GitHub action is the one Fly documents
 * (fly.io/docs/launch/continuous-deployment-with-github-actions).
 */

/** Repository path of the workflow. */
export const FLY_WORKFLOW_PATH = ".github/workflows/fly-deploy.yml";

/** The workflow as an object (the yaml package writes it). */
export function flyWorkflow(): Record<string, unknown> {
  return {
    name: "Deploy Mathesar to Fly.io",
    on: {
      workflow_dispatch: {
        inputs: {
          image: {
            description: "Roll back: an earlier release's image (fly releases --image); empty builds deploy/fly",
            required: false,
            default: "",
            type: "string",
          },
        },
      },
      push: { tags: ["fly-v*"] },
    },
    permissions: { contents: "read" },
    concurrency: { group: "fly-deploy", "cancel-in-progress": false },
    jobs: {
      deploy: {
        "runs-on": "ubuntu-latest",
        environment: "fly",
        env: {
          FLY_API_TOKEN: "${{ secrets.FLY_API_TOKEN }}",
          FLY_APP: "${{ vars.FLY_APP }}",
          ROLLBACK_IMAGE: "${{ inputs.image }}",
        },
        steps: [
          { uses: "actions/checkout@v4" },
          { uses: "superfly/flyctl-actions/setup-flyctl@master" },
          {
            name: "Deploy (or roll back to an earlier image)",
            "working-directory": "deploy/fly",
            run: [
              'if [ -n "$ROLLBACK_IMAGE" ]; then',
              '  flyctl deploy --app "$FLY_APP" --image "$ROLLBACK_IMAGE"',
              "else",
              '  flyctl deploy --app "$FLY_APP" --remote-only',
              "fi",
              "",
            ].join("\n"),
          },
        ],
      },
    },
  };
}
