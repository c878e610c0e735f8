export interface AccessTokenDto {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: "ACTIVE" | "EXPIRED" | "REVOKED";
}

export interface CreatedAccessTokenDto {
  token: AccessTokenDto;
  /** The secret itself: returned once, never stored. */
  secret: string;
}
