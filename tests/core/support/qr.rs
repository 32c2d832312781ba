//! Reading QR codes back in tests, with the `rqrr` decoder: from the SVG the
//! app shows, and from a PNG screenshot of the screen.
#![allow(dead_code)] // the tests and `examples/qr_decode.rs` each use a part

/// Every QR code found in a greyscale image given pixel by pixel.
pub fn decode_grey(
    width: usize,
    height: usize,
    pixel: impl FnMut(usize, usize) -> u8,
) -> Vec<String> {
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, pixel);
    image
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}

/// Every QR code found in a PNG image.
pub fn decode_png(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buffer = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let info = reader.next_frame(&mut buffer).map_err(|e| e.to_string())?;
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    Ok(decode_grey(width, height, |x, y| {
        let at = (y * width + x) * channels;
        let px = &buffer[at..at + channels];
        match channels {
            1 | 2 => px[0],
            // Luma from RGB (alpha ignored: screenshots are opaque).
            _ => {
                ((u32::from(px[0]) * 299 + u32::from(px[1]) * 587 + u32::from(px[2]) * 114) / 1000)
                    as u8
            }
        }
    }))
}

/// The dark modules of an SVG made by `balans::core::links::qr_svg`, as a square
/// grid of `side` units (quiet zone included). The SVG's one path holds
/// rectangles written as `M{x} {y}h{w}v{h}H{x}V{y}`.
pub fn svg_modules(svg: &str) -> (usize, Vec<bool>) {
    let view_box = svg.split("viewBox=\"").nth(1).expect("a viewBox");
    let numbers: Vec<usize> = view_box
        .split('"')
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let side = numbers[2];
    assert_eq!(numbers[2], numbers[3], "square");
    let path = svg
        .split(" d=\"")
        .nth(1)
        .expect("a path")
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; side * side];
    for rect in path.split('M').filter(|r| !r.is_empty()) {
        let parse = |s: &str| -> usize { s.parse().unwrap() };
        let (x, rest) = rect.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let (w, rest) = rest.split_once('v').unwrap();
        let (h, _) = rest.split_once('H').unwrap();
        let (x, y, w, h) = (parse(x), parse(y), parse(w), parse(h));
        for row in y..y + h {
            for col in x..x + w {
                dark[row * side + col] = true;
            }
        }
    }
    (side, dark)
}

/// Decodes the SVG by drawing it at `scale` pixels per module.
pub fn decode_svg(svg: &str, scale: usize) -> Vec<String> {
    let (side, dark) = svg_modules(svg);
    decode_grey(side * scale, side * scale, |x, y| {
        if dark[(y / scale) * side + x / scale] {
            0
        } else {
            255
        }
    })
}
