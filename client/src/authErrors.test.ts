import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { describeAuthError } from "./authErrors";

describe("describeAuthError", () => {
  it("puts a password problem beside the password field", () => {
    const error = new ApiError(400, "password_too_short", "password: use at least 10 characters.");
    expect(describeAuthError(error)).toEqual({ field: "password", message: "Use at least 10 characters." });
    const common = new ApiError(400, "password_common", "password: one of the most common; choose another.");
    expect(describeAuthError(common)).toEqual({
      field: "password",
      message: "One of the most common; choose another.",
    });
  });

  it("says how many minutes to wait after too many attempts", () => {
    expect(describeAuthError(new ApiError(429, "too_many_attempts", "x", 61)).message).toBe(
      "Too many attempts, try again in 2 minutes.",
    );
    expect(describeAuthError(new ApiError(429, "too_many_attempts", "x", 30)).message).toBe(
      "Too many attempts, try again in 1 minute.",
    );
  });

  it("offers to sign in when the email is taken", () => {
    const problem = describeAuthError(new ApiError(409, "email_taken", "An account with this email exists."));
    expect(problem).toMatchObject({ field: "email", offerSignIn: true });
  });

  it("keeps problems with several fields on the form", () => {
    const error = new ApiError(
      400,
      "invalid_input",
      "email: not a valid email address; name: must not be empty",
    );
    expect(describeAuthError(error).field).toBe("form");
  });

  it("keeps wrong credentials and network failures on the form", () => {
    expect(describeAuthError(new ApiError(401, "invalid_credentials", "Wrong email or password."))).toEqual({
      field: "form",
      message: "Wrong email or password.",
    });
    expect(describeAuthError(new TypeError("Failed to fetch")).field).toBe("form");
  });
});
