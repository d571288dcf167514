// The one translation unit with stb_image_write's implementation (static, so it cannot clash with a
// copy in libstb).
// The library's own code, not ours: its warnings are silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-function"
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
#pragma GCC diagnostic pop

#include <cstring>
#include <vector>

#include "viewer/app/app.hpp"

namespace leverage::viewer {

bool write_png_flipped(const std::filesystem::path& path, int width, int height, const unsigned char* rgba_bottom_up) {
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> top_down(row * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y)
    std::memcpy(&top_down[static_cast<std::size_t>(y) * row],
                rgba_bottom_up + static_cast<std::size_t>(height - 1 - y) * row, row);
  // Opaque: the window's alpha channel is not part of the picture.
  for (std::size_t i = 3; i < top_down.size(); i += 4) top_down[i] = 255;
  // Written under a temporary name and renamed, so a failed run never leaves half a PNG.
  const std::filesystem::path temporary = path.string() + ".tmp";
  if (stbi_write_png(temporary.string().c_str(), width, height, 4, top_down.data(), static_cast<int>(row)) == 0)
    return false;
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  return !error;
}

}  // namespace leverage::viewer
