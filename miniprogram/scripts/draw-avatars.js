#!/usr/bin/env node
/**
 * Draws the two avatars (images/me.png, images/server.png): a coloured disc with a white
 * head-and-shoulders silhouette, anti-aliased by supersampling. Run with `npm run avatars`.
 * The PNGs are committed; this script only documents and reproduces them.
 */
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const SIZE = 96
const SAMPLES = 4

const AVATARS = {
  me: [59, 130, 246],
  server: [22, 163, 74],
}

function insideSilhouette(x, y) {
  const head = (x - 48) ** 2 + (y - 38) ** 2 <= 17 ** 2
  const shoulders = ((x - 48) / 30) ** 2 + ((y - 94) / 30) ** 2 <= 1
  return head || shoulders
}

function insideDisc(x, y) {
  return (x - 48) ** 2 + (y - 48) ** 2 <= 48 ** 2
}

/** Returns [coverage of the disc, coverage of the silhouette] for one pixel. */
function coverage(px, py) {
  let disc = 0
  let figure = 0
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES
      const y = py + (sy + 0.5) / SAMPLES
      if (!insideDisc(x, y)) continue
      disc++
      if (insideSilhouette(x, y)) figure++
    }
  }
  const total = SAMPLES * SAMPLES
  return [disc / total, figure / total]
}

function drawRgba([r, g, b]) {
  const rows = []
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4) // leading 0 = PNG filter "none"
    for (let x = 0; x < SIZE; x++) {
      const [disc, figure] = coverage(x, y)
      const white = disc === 0 ? 0 : figure / disc
      const offset = 1 + x * 4
      row[offset] = Math.round(r + (255 - r) * white)
      row[offset + 1] = Math.round(g + (255 - g) * white)
      row[offset + 2] = Math.round(b + (255 - b) * white)
      row[offset + 3] = Math.round(255 * disc)
    }
    rows.push(row)
  }
  return Buffer.concat(rows)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let crc = 0xffffffff
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function encodePng(rgbaRows) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rgbaRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const imagesDir = path.join(__dirname, '..', 'images')
fs.mkdirSync(imagesDir, { recursive: true })
for (const [name, colour] of Object.entries(AVATARS)) {
  const file = path.join(imagesDir, `${name}.png`)
  fs.writeFileSync(file, encodePng(drawRgba(colour)))
  console.log(`wrote ${path.relative(process.cwd(), file)}`)
}
