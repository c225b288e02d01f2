#!/usr/bin/env bash
# Makes the short sample videos of the catalog (emulator/videos/), made for this project:
# a coloured card with the title and a running clock, each in two files, no sound track:
#  - H.264 (Main profile, yuv420p) in MP4 with the index up front, which Tizen, webOS and
#    desktop Chromium with its proprietary codecs play;
#  - VP9 in WebM, for the open-source Chromium builds of the TV years (64, 68, 69), which
#    have no H.264. Two-pass at a target bitrate, so each WebM stays smaller than its MP4.
# The player picks one with canPlayType (src/core/playback/sources.ts).
#
# Only missing files are made: the bytes depend on the ffmpeg, x264 and libvpx versions, so
# remaking committed videos elsewhere would churn binaries in git. Delete a file to remake it.
# Needs ffmpeg and the DejaVu fonts (Debian: apt-get install ffmpeg fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")/.."
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
mkdir -p emulator/videos
passlog=$(mktemp -d)
trap 'rm -rf "$passlog"' EXIT

make() { # name seconds colour title subtitle
  local name=$1 seconds=$2 colour=$3 title=$4 subtitle=$5
  local card=(-f lavfi -i "color=c=${colour}:s=640x360:r=24:d=${seconds}"
    -vf "drawtext=fontfile=${font}:text='${title}':fontcolor=white:fontsize=40:x=(w-text_w)/2:y=120,\
drawtext=fontfile=${font}:text='${subtitle}':fontcolor=white@0.8:fontsize=24:x=(w-text_w)/2:y=180,\
drawtext=fontfile=${font}:text='%{pts\\:hms}':fontcolor=white:fontsize=28:x=(w-text_w)/2:y=250"
    -pix_fmt yuv420p)
  local mp4="emulator/videos/${name}.mp4" webm="emulator/videos/${name}.webm"
  if [[ ! -e $mp4 ]]; then
    ffmpeg -loglevel error -y "${card[@]}" \
      -c:v libx264 -profile:v main -crf 34 -preset veryslow -g 48 -movflags +faststart "$mp4"
  fi
  if [[ ! -e $webm ]]; then
    local vp9=(-c:v libvpx-vp9 -b:v 26k -g 48 -deadline good -cpu-used 1 -row-mt 1
      -passlogfile "$passlog/${name}")
    ffmpeg -loglevel error -y "${card[@]}" "${vp9[@]}" -pass 1 -an -f null /dev/null
    ffmpeg -loglevel error -y "${card[@]}" "${vp9[@]}" -pass 2 "$webm"
  fi
}

make long-field 60 0x2f6b4f 'The Long Field' 'Movie - sample for PunchPlay TV'
make blue-horizon-s1e3 45 0x5a2d82 'Blue Horizon' 'S1 E3 Tidewater - sample'
make night-shift-s2e8 45 0x8a5a1c 'Night Shift' 'S2 E8 Last Call - sample'
ls -l emulator/videos
