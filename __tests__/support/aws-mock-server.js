/**
 * A mock of the AWS read APIs a Terraform plan calls, run as its own process (the tests call Terraform
 * synchronously, which would block a server in the test's own event loop). Listens on 127.0.0.1 only,
 * prints its port, appends each request to the log file given as argument, and exits with its parent.
 */
const fs = require("fs");
const http = require("http");

const [, , logFile, password] = process.argv;
const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const target = String(req.headers["x-amz-target"] || "");
    fs.appendFileSync(logFile, `${target || body.split("&")[0]}\n`);
    if (target === "secretsmanager.GetRandomPassword") {
      res.setHeader("content-type", "application/x-amz-json-1.1");
      res.end(JSON.stringify({ RandomPassword: password }));
    } else if (body.includes("Action=DescribeAvailabilityZones")) {
      res.setHeader("content-type", "text/xml");
      const items = ZONES.map(
        (zone, i) =>
          `<item><zoneName>${zone}</zoneName><zoneState>available</zoneState><regionName>us-east-1</regionName>` +
          `<zoneId>use1-az${i + 1}</zoneId><zoneType>availability-zone</zoneType><groupName>us-east-1</groupName>` +
          "<optInStatus>opt-in-not-required</optInStatus></item>",
      ).join("");
      res.end(
        '<DescribeAvailabilityZonesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>mock</requestId>' +
          `<availabilityZoneInfo>${items}</availabilityZoneInfo></DescribeAvailabilityZonesResponse>`,
      );
    } else {
      // Not retryable (a 400 with a client error), so an unexpected call fails the plan at once.
      res.statusCode = 400;
      res.setHeader("content-type", "application/x-amz-json-1.1");
      res.end(
        JSON.stringify({
          __type: "ValidationException",
          message: `the test mock does not answer ${target || body.slice(0, 60)}`,
        }),
      );
    }
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
process.on("disconnect", () => process.exit(0));
setTimeout(() => process.exit(0), 30 * 60 * 1000).unref();
