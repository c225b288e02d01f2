#!/usr/bin/env bash
# Makes the short sample videos of the catalog (static/videos/), made for this project:
# a coloured card with the title and a running clock, H.264 (Main profile, yuv420p) in
# MP4 with the index up front, which Tizen, webOS and desktop Chromium all play.
# Needs ffmpeg and the DejaVu fonts (Debian: apt-get install ffmpeg fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")/.."
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
mkdir -p static/videos

make() { # file seconds colour title subtitle
  local file=$1 seconds=$2 colour=$3 title=$4 subtitle=$5
  ffmpeg -loglevel error -y -f lavfi -i "color=c=${colour}:s=640x360:r=24:d=${seconds}" \
    -vf "drawtext=fontfile=${font}:text='${title}':fontcolor=white:fontsize=40:x=(w-text_w)/2:y=120,\
drawtext=fontfile=${font}:text='${subtitle}':fontcolor=white@0.8:fontsize=24:x=(w-text_w)/2:y=180,\
drawtext=fontfile=${font}:text='%{pts\\:hms}':fontcolor=white:fontsize=28:x=(w-text_w)/2:y=250" \
    -c:v libx264 -profile:v main -pix_fmt yuv420p -crf 34 -preset veryslow -g 48 \
    -movflags +faststart "static/videos/${file}"
}

make long-field.mp4 60 0x2f6b4f 'The Long Field' 'Movie - sample for PunchPlay TV'
make blue-horizon-s1e3.mp4 45 0x5a2d82 'Blue Horizon' 'S1 E3 Tidewater - sample'
make night-shift-s2e8.mp4 45 0x8a5a1c 'Night Shift' 'S2 E8 Last Call - sample'
ls -l static/videos
