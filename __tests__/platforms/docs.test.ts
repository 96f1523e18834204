/** What the platform guides and the README claim, checked against the generated files. */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_REPOSITORY_URL } from "../../modules/platforms";
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
