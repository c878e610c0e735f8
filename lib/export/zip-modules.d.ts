/**
 * The parts of yazl and yauzl the export uses: neither package ships types, and @types packages would
 * describe older callback-only APIs (yauzl's promise API arrived in 3.x).
 */
declare module "yazl" {
  import type { Readable } from "node:stream";

  export interface EntryOptions {
    mtime?: Date;
    mode?: number;
    compress?: boolean;
    compressionLevel?: number;
    /** Checked against the bytes the stream delivers; a mismatch is emitted as an error. */
    size?: number;
  }

  export class ZipFile {
    outputStream: Readable;
    addBuffer(buffer: Buffer, metadataPath: string, options?: EntryOptions): void;
    addReadStreamLazy(metadataPath: string, options: EntryOptions | null, getReadStream: (callback: (error: Error | null, stream?: Readable) => void) => void): void;
    end(): void;
    on(event: "error", listener: (error: Error) => void): this;
  }
}

declare module "yauzl" {
  import type { Readable } from "node:stream";

  export interface Entry {
    fileName: string;
    uncompressedSize: number;
    compressedSize: number;
  }

  export interface ZipFile {
    entryCount: number;
    eachEntry(): AsyncIterableIterator<Entry>;
    openReadStreamPromise(entry: Entry): Promise<Readable>;
    close(): void;
  }

  export interface OpenOptions {
    autoClose?: boolean;
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
    strictFileNames?: boolean;
  }

  export function openPromise(path: string, options?: OpenOptions): Promise<ZipFile>;
  export function fromBufferPromise(buffer: Buffer, options?: OpenOptions): Promise<ZipFile>;
}
