// Files the users upload: kept in S3-compatible object storage, never on the container's disk.
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import express from 'express';

// Where the files go: every setting comes from the environment, the keys from werf secret values.
const bucket = process.env.S3_BUCKET;
const s3 = new S3Client({
  endpoint: process.env.S3_ENDPOINT,
  region: process.env.S3_REGION,
  credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY },
  // path-style URLs (endpoint/bucket/key) work with every S3-compatible storage
  forcePathStyle: true,
  // checksums only where the S3 API demands them: not every S3-compatible storage takes the SDK's default ones
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  maxAttempts: 3,
});

export const files = express.Router();

files.put('/files/:name', express.raw({ type: () => true, limit: '10mb' }), async (req, res) => {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const type = req.get('content-type') ?? 'application/octet-stream';
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: req.params.name, Body: body, ContentType: type }));
  res.status(201).json({ name: req.params.name, size: body.length });
});

files.get('/files/:name', async (req, res) => {
  try {
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: req.params.name }));
    res.type(stored.ContentType ?? 'application/octet-stream').send(Buffer.from(await stored.Body.transformToByteArray()));
  } catch (error) {
    if (error instanceof NoSuchKey) return res.sendStatus(404);
    throw error; // Express 5 passes it on to its error handler: 500
  }
});
