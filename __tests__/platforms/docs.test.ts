/** What the platform guides and the README claim, checked against the generated files. */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_REPOSITORY_URL } from "../../modules/project";
import { herokuDeployment } from "./platform-files";

const REPO = path.join(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(REPO, file), "utf8");

test("the README's and the guides' Deploy buttons point at this repository", () => {
  const render = `https://render.com/deploy?repo=${PROJECT_REPOSITORY_URL}`;
  const heroku = `https://heroku.com/deploy?template=${PROJECT_REPOSITORY_URL}`;
  for (const file of ["README.md", "docs/render.md"]) expect(read(file)).toContain(`(${render})`);
  for (const file of ["README.md", "docs/heroku.md"]) expect(read(file)).toContain(`(${heroku})`);
  // Railway's button needs a template published in Railway's dashboard: it leads to the guide that publishes it.
  expect(read("README.md")).toContain("(docs/railway.md#3-publish-the-template-once)");
  expect(read("docs/railway.md")).toContain("## 3. Publish the template once");
});

test("docs/heroku.md's command-line deploy starts from a clone of this repository", () => {
  expect(read("docs/heroku.md")).toContain(`git clone ${PROJECT_REPOSITORY_URL}.git\ncd mathesar-deploy\n`);
  expect(PROJECT_REPOSITORY_URL.endsWith("/mathesar-deploy")).toBe(true);
});

test("the guides' commands use flags the platforms' CLIs document (flyctl, the Railway CLI)", () => {
  const fly = read("docs/fly.md");
  // flyctl's `scale vm` takes --vm-memory (superfly/docs flyctl/cmd/fly_scale_vm.md); --memory does not exist there.
  expect(fly).toContain("fly scale vm shared-cpu-2x --vm-memory 2048");
  expect(fly).not.toMatch(/fly scale vm[^\n`]*--memory/);
  // A connection string never on a command line, a secrets file never inside the repository.
  expect(fly).not.toMatch(/fly secrets set[^\n`]*DATABASE_URL/);
  expect(fly).toContain('> "$HOME/mathesar-$FLY_APP.env"');
  const railway = read("docs/railway.md");
  // `railway variables --set` is deprecated (railwayapp/docs content/docs/cli/variable.md); no password in a /tmp file.
  expect(railway).not.toMatch(/railway variables? --set|\/tmp\/railway/);
  expect(railway).toContain("connection-env-cli.ts --railway | bash");
});

test("docs/heroku.md's command-line deploy sets the same variables as app.json (the empty admin e-mail aside)", () => {
  const doc = read("docs/heroku.md");
  const block = /heroku config:set[\s\S]*?\n(?=git push)/.exec(doc)![0];
  const set = [...block.matchAll(/\b([A-Z][A-Z0-9_]+)=/g)].map((m) => m[1]).sort();
  const app = herokuDeployment();
  const expected = [
    ...Object.keys(app.plainEnv).filter((k) => app.plainEnv[k] !== ""),
    "SECRET_KEY",
    "DJANGO_SUPERUSER_PASSWORD",
  ].sort();
  expect(set).toEqual(expected);
  expect(block).toContain(`GUNICORN_CMD_ARGS="${app.plainEnv.GUNICORN_CMD_ARGS}"`);
  expect(block).toContain(`WEB_CONCURRENCY=${app.plainEnv.WEB_CONCURRENCY}`);
});

test("each guide states the cost and the time, marked modelled", () => {
  for (const file of ["docs/railway.md", "docs/fly.md", "docs/render.md", "docs/heroku.md"]) {
    const doc = read(file);
    expect({ file, cost: /## 2\. Cost and time/.test(doc), modelled: /[Mm]odelled/.test(doc) }).toEqual({
      file,
      cost: true,
      modelled: true,
    });
  }
});
